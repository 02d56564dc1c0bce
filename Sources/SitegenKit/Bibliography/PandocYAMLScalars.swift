/// How pandoc 3.9 prints a plain (unquoted) YAML scalar of a CSL-YAML field that its YAML reader takes for a number or
/// a boolean, not for text: `1.50` as 1.5, `1e3` as 1000, `0x1F` as 31, `01` as 1, `yes`, `On` and `No` (YAML 1.1's
/// booleans) as true and false, or not at all in a name. sitegen prints what the file says (YAML 1.2's core schema, as its front matter reads
/// YAML) and warns where the two differ (``CSLItemDecoder``), so that the value is quoted and both print it so.
enum PandocYAMLScalars {
    /// What pandoc's YAML reads a plain scalar as, other than text.
    enum Reading: Equatable {
        /// A number, with its text as pandoc prints it.
        case number(String)
        /// A boolean, printed `true` or `false` in a field; in a name, left out.
        case boolean(Bool)

        /// The text pandoc prints of it in a field.
        var printed: String {
            switch self {
            case .number(let text): text
            case .boolean(let value): value ? "true" : "false"
            }
        }
    }

    /// What pandoc reads `written` as, nil when it reads text (`.5`, `1_000`, `1:30`, `0X1F`, `yEs`) or no value (`~`,
    /// `null`).
    static func reading(_ written: String) -> Reading? {
        if let boolean = booleans[written] { return .boolean(boolean) }
        let number =
            if written.hasPrefix("0x") { integer(written.utf8.dropFirst(2), base: 16) }
            else if written.hasPrefix("0o") { integer(written.utf8.dropFirst(2), base: 8) }
            else { decimal(written) }
        return number.map(Reading.number)
    }

    /// YAML 1.1's booleans, as pandoc's YAML reader takes them.
    private static let booleans: [String: Bool] = {
        var booleans: [String: Bool] = [:]
        for (words, value) in [("y yes true on", true), ("n no false off", false)] {
            for word in words.split(separator: " ") {
                for form in [String(word), word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()] { booleans[form] = value }
            }
        }
        return booleans
    }()

    /// A hexadecimal or octal integer's digits after its `0x` or `0o`, in decimal; nil when they are not all of the base,
    /// or more than 64 (no bibliography's number: the conversion takes time in the square of their count).
    private static func integer(_ digits: Substring.UTF8View, base: Int) -> String? {
        guard !digits.isEmpty, digits.count <= 64 else { return nil }
        // Decimal digits, lowest first, multiplied by the base and added to one digit at a time.
        var decimal: [Int] = [0]
        for byte in digits {
            guard let value = Int(String(UnicodeScalar(byte)), radix: base) else { return nil }
            var carry = value
            for index in decimal.indices {
                let sum = decimal[index] * base + carry
                (decimal[index], carry) = (sum % 10, sum / 10)
            }
            while carry > 0 {
                decimal.append(carry % 10)
                carry /= 10
            }
        }
        return number(negative: false, digits: decimal.reversed().map { Character(String($0)) }, exponent: 0)
    }

    /// A decimal number as the reader takes one, `[-+]?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?`; nil for other text.
    private static func decimal(_ written: String) -> String? {
        var bytes = Substring(written).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty else { return nil }
        bytes = bytes.dropFirst(whole.count)
        var fraction = bytes.prefix(0)
        if bytes.first == UInt8(ascii: ".") {
            fraction = bytes.dropFirst().prefix(while: isDigit)
            bytes = bytes.dropFirst(1 + fraction.count)
        }
        var exponent = 0
        if let first = bytes.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") {
            var power = bytes.dropFirst()
            let sign = power.first == UInt8(ascii: "-") ? -1 : 1
            if power.first == UInt8(ascii: "-") || power.first == UInt8(ascii: "+") { power = power.dropFirst() }
            // (A power of more than nine digits is no number a bibliography holds.)
            guard !power.isEmpty, power.count <= 9, power.allSatisfy(isDigit), let value = Int(String(decoding: power, as: UTF8.self)) else { return nil }
            exponent = sign * value
            bytes = bytes.dropFirst(bytes.count)
        }
        guard bytes.isEmpty else { return nil }
        let digits = Array(String(decoding: whole, as: UTF8.self) + String(decoding: fraction, as: UTF8.self))
        return number(negative: negative, digits: digits, exponent: exponent - fraction.count)
    }

    /// The number `digits` × 10^`exponent` as pandoc prints it: a whole number that fits in 64 bits in digits (`1e3`
    /// 1000, `-0.0` 0); any other as Haskell's `Scientific` shows it, in digits from 0.1 up to 10⁷ (`1.5`, `0.15`)
    /// and with an exponent outside (`9.0e-2`, `1.23456789e7`, `1.0e21`).
    private static func number(negative: Bool, digits: [Character], exponent: Int) -> String {
        var digits = digits.drop { $0 == "0" }
        var exponent = exponent
        while digits.last == "0" {
            digits.removeLast()
            exponent += 1
        }
        guard !digits.isEmpty else { return "0" }
        let sign = negative ? "-" : ""
        if exponent >= 0, digits.count + exponent <= 19,
            let whole = Int64(sign + String(digits) + String(repeating: "0", count: exponent))
        {
            return String(whole)
        }
        // The value is 0.d₁d₂… × 10^power.
        let power = digits.count + exponent
        if power < 0 || power > 7 {
            let rest = digits.dropFirst()
            return sign + String(digits.first!) + "." + (rest.isEmpty ? "0" : String(rest)) + "e" + String(power - 1)
        }
        if power == 0 { return sign + "0." + String(digits) }
        // Not whole (a whole one below 10⁷ is printed above), so digits follow the point.
        return sign + String(digits.prefix(power)) + "." + String(digits.dropFirst(power))
    }
}
