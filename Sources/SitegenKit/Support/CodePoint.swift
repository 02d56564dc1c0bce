extension Unicode.Scalar {
    /// How a message names the character by its code, in four hex digits at least: `U+00A0`, `U+0301`, `U+1F600`.
    var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
