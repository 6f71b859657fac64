/// The UTF-8 byte-order mark (EF BB BF) some editors and spreadsheet programs put at the start of a
/// text file. It is invisible, so a reader that trips over it names it rather than quote a line that
/// looks right.
public enum ByteOrderMark {
    /// The message for a text that starts with one, or nil.
    public static func problem(in text: String) -> String? {
        guard text.unicodeScalars.first == "\u{FEFF}" else { return nil }
        return "the file starts with a UTF-8 byte-order mark (the invisible bytes EF BB BF); "
            + "save it without one (in the editor's encoding menu, or: sed -i '1s/^\\xEF\\xBB\\xBF//' FILE)"
    }
}
