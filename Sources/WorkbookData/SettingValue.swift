import Foundation

/// A value in a run report's `settings`.
public enum SettingValue: Codable, Equatable, Sendable, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral
{
    case int(Int), double(Double), string(String)

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v)
        case .string(let v): try container.encode(v)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let v = try? container.decode(Int.self) {
            self = .int(v)
        } else if let v = try? container.decode(Double.self) {
            self = .double(v)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}

extension SettingValue {
    /// A settings value (a struct whose coding keys are the report's keys) as the key-value object a
    /// report or checkpoint records, each value as it reads back from JSON.
    public static func object(_ settings: some Encodable) throws -> [String: SettingValue] {
        try JSONDecoder().decode([String: SettingValue].self, from: JSONEncoder().encode(settings))
    }

    /// For messages: whole numbers without a point, a stored Float (0.10000000149011612) as the 0.1 given.
    var shown: String {
        switch self {
        case .int(let value): String(value)
        case .double(let value):
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(Float(value))"
        case .string(let value): value
        }
    }
}
