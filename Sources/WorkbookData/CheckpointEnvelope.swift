import Foundation

/// The checkpoint file's layout: a first line naming the format, a JSON header line, then the
/// trainer's state as the library encodes it (the payload, whose fields this file never reads).
///
///     ch11-workbook checkpoint 2
///     {"data":"…","epochs":2,"payload_bytes":123456,"payload_sha256":"…","products":"oneDNN …",
///      "settings":"seed 42 {…}"}   (one line)
///     {…the TrainingCheckpoint…}
///
/// The checksum covers the payload, so one changed byte anywhere in it is caught; a changed byte in
/// the header breaks its JSON or changes what it says, which is compared with the run in turn.
enum CheckpointEnvelope {
    static let formatLine = "ch11-workbook checkpoint 2"

    /// What the header records.
    struct Header: Codable, Equatable {
        /// The seed and settings (`CheckpointFile.fingerprint`).
        var settings: String
        /// `DataFingerprint` of the arrays trained on.
        var data: String
        /// The `ProductPath` the epochs ran on (nil in a checkpoint from before it was recorded).
        var products: String?
        /// Epochs finished.
        var epochs: Int
        var payloadBytes: Int
        var payloadSHA256: String

        enum CodingKeys: String, CodingKey {
            case settings, data, products, epochs
            case payloadBytes = "payload_bytes", payloadSHA256 = "payload_sha256"
        }
    }

    static func seal(_ payload: Data, header: Header) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Data((formatLine + "\n").utf8) + (try encoder.encode(header)) + Data("\n".utf8) + payload
    }

    /// The header and the checked payload; `path` names the file in messages.
    static func open(_ bytes: Data, path: String) throws -> (header: Header, payload: Data) {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count == 3, String(decoding: lines[0], as: UTF8.self) == formatLine else {
            throw WorkbookError.io(
                "\(path): not a checkpoint this workbook can read (it does not start with "
                    + "'\(formatLine)'); delete it to start afresh")
        }
        let damaged = "\(path) is damaged: "
        let advice = "; delete it to start afresh"
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(lines[1])) else {
            throw WorkbookError.io(damaged + "its header line cannot be read" + advice)
        }
        let payload = Data(lines[2])
        guard payload.count == header.payloadBytes else {
            throw WorkbookError.io(
                damaged + "it holds \(payload.count) bytes of state, its header says "
                    + "\(header.payloadBytes) (cut short?)" + advice)
        }
        guard SHA256.hex(payload) == header.payloadSHA256 else {
            throw WorkbookError.io(
                damaged + "its contents do not match the checksum it was saved with"
                    + advice)
        }
        return (header, payload)
    }
}
