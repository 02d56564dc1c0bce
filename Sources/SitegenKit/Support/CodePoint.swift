extension Unicode.Scalar {
    /// How a message names the character by its code, in four hex digits at least: `U+00A0`, `U+0301`, `U+1F600`.
    var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether the character is a control character, Unicode's category Cc (U+0000–U+001F, U+007F–U+009F: a line
    /// break, a tab, ESC, NUL), told by its value without Unicode's tables. (``Diagnostic``, in Model/, which uses no
    /// other folder, asks the same of a message's characters.)
    var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}
