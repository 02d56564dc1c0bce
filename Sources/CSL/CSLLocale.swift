/// A CSL locale (CSL 1.0.2, "Locale Files"): the terms, date formats and options of a language, from a locale file's
/// `<locale>` element or a style's own `<locale>` override.
public struct CSLLocale: Sendable, Equatable {
    /// `xml:lang`: `en-US`, or `en` for a style's override of every English locale; nil for one of every language.
    public var language: String?
    /// `punctuation-in-quote`: whether a comma or period after a closing quote goes inside it (nil: not said).
    public var punctuationInQuote: Bool?
    /// `limit-day-ordinals-to-day-1` (nil: not said).
    public var limitDayOrdinalsToDay1: Bool?
    /// The `text` and `numeric` date formats, by form, and the delimiter each puts between its parts.
    public var dateFormats: [CSLDateForm: [CSLDatePart]]
    public var dateDelimiters: [CSLDateForm: String] = [:]
    public var terms: [CSLTerm]

    public init(language: String? = nil, punctuationInQuote: Bool? = nil, limitDayOrdinalsToDay1: Bool? = nil,
                dateFormats: [CSLDateForm: [CSLDatePart]] = [:], terms: [CSLTerm] = []) {
        self.language = language
        self.punctuationInQuote = punctuationInQuote
        self.limitDayOrdinalsToDay1 = limitDayOrdinalsToDay1
        self.dateFormats = dateFormats
        self.terms = terms
    }

    /// The locale an element `<locale>` describes.
    public init(_ element: XMLElement) throws(CSLError) {
        self.init(language: element[attribute: "xml:lang"])
        for child in element.elements {
            switch child.name {
            case "info": break
            case "style-options":
                try CSLSchema.check(child.attributes, of: child, allowed: ["punctuation-in-quote", "limit-day-ordinals-to-day-1"])
                for attribute in child.attributes {
                    switch attribute.name {
                    case "punctuation-in-quote": punctuationInQuote = try CSLError.boolean(attribute, in: child)
                    default: limitDayOrdinalsToDay1 = try CSLError.boolean(attribute, in: child)
                    }
                }
            case "date":
                let form: CSLDateForm = try CSLError.value("form", of: child, required: true)!
                dateDelimiters[form] = child[attribute: "delimiter"]
                dateFormats[form] = try child.elements.map { part throws(CSLError) in
                    guard part.name == "date-part" else { throw CSLError.unknownElement(part, in: "date", known: ["date-part"]) }
                    return try CSLDatePart(part)
                }
            case "terms":
                for term in child.elements {
                    guard term.name == "term" else { throw CSLError.unknownElement(term, in: "terms", known: ["term"]) }
                    terms.append(try CSLTerm(term))
                }
            default:
                throw CSLError.unknownElement(child, in: "locale", known: ["info", "style-options", "date", "terms"])
            }
        }
    }

    /// A term's text in a form, singular or plural, falling back as CSL says when the locale lacks that form:
    /// `verb-short` to `verb` to `long`, `symbol` to `short` to `long`, `short` to `long`. Nil when it has none of them.
    /// A term of no gender, or the first of its genders, is taken (see ``CSLTerm/gender``).
    public func term(_ name: String, form: CSLTerm.Form = .long, plural: Bool = false) -> String? {
        var form: CSLTerm.Form? = form
        while let wanted = form {
            if let term = terms.first(where: { $0.name == name && $0.form == wanted }) {
                return plural ? term.multiple ?? term.single : term.single
            }
            form = wanted.fallback
        }
        return nil
    }
}

/// A locale's date format.
public enum CSLDateForm: String, Sendable, CaseIterable {
    case text, numeric
}

/// One part of a date format: the day, month or year, its form and its affixes and formatting.
public struct CSLDatePart: Sendable, Equatable {
    public enum Name: String, Sendable, CaseIterable {
        case day, month, year
    }

    public var name: Name
    /// `form`: for a day `numeric`, `numeric-leading-zeros` or `ordinal`; for a month `long`, `short`, `numeric` or
    /// `numeric-leading-zeros`; for a year `long` or `short` (nil: the default).
    public var form: String?
    /// Its other attributes (`prefix`, `suffix`, `text-case`, `strip-periods`, `range-delimiter`, fonts), in order.
    public var formatting: [XMLAttribute]

    init(_ element: XMLElement) throws(CSLError) {
        name = try CSLError.value("name", of: element, required: true)!
        let forms: [String] = switch name {
        case .day: ["numeric", "numeric-leading-zeros", "ordinal"]
        case .month: ["long", "short", "numeric", "numeric-leading-zeros"]
        case .year: ["long", "short"]
        }
        form = element[attribute: "form"]
        if let form, !forms.contains(form) {
            throw CSLError(element, "unknown form '\(form)' for the \(name.rawValue) of a date; expected " + CSLError.list(forms))
        }
        formatting = element.attributes.filter { $0.name != "name" && $0.name != "form" }
        try CSLSchema.check(formatting, of: element, allowed: ["range-delimiter", "text-case", "strip-periods"] + CSLSchema.affixes + CSLSchema.formatting)
    }
}

/// A term of a locale: its name (`and`, `page`, `month-01`, `ordinal-01`…), its form, and its text, singular and
/// plural.
public struct CSLTerm: Sendable, Equatable {
    public enum Form: String, Sendable, CaseIterable {
        case long, short, verb, verbShort = "verb-short", symbol

        /// The form CSL takes instead when a locale lacks this one.
        var fallback: Form? {
            switch self {
            case .long: nil
            case .short, .verb: .long
            case .verbShort: .verb
            case .symbol: .short
            }
        }
    }

    public enum Gender: String, Sendable, CaseIterable {
        case masculine, feminine
    }

    /// Which numbers an ordinal term (`ordinal-00` to `ordinal-99`) is for.
    public enum Match: String, Sendable, CaseIterable {
        case lastDigit = "last-digit", lastTwoDigits = "last-two-digits", wholeNumber = "whole-number"
    }

    public var name: String
    public var form: Form
    public var single: String
    /// The plural; nil for a term with one text for both.
    public var multiple: String?
    /// `gender`: the grammatical gender of a noun term (a month, a locator).
    public var gender: Gender?
    /// `gender-form`: the gender of the noun an ordinal term goes with.
    public var genderForm: Gender?
    public var match: Match?

    init(_ element: XMLElement) throws(CSLError) {
        guard let name = element[attribute: "name"] else { throw CSLError(element, "a term needs a name, such as <term name=\"and\">") }
        self.name = name
        form = try CSLError.value("form", of: element) ?? .long
        gender = try CSLError.value("gender", of: element)
        genderForm = try CSLError.value("gender-form", of: element)
        match = try CSLError.value("match", of: element)
        try CSLSchema.check(element.attributes, of: element, allowed: ["name", "form", "gender", "gender-form", "match"])
        let parts = element.elements
        if parts.isEmpty {
            single = element.text
        } else {
            guard parts.map(\.name) == ["single", "multiple"] else {
                throw CSLError(element, "a term holds its text, or <single> then <multiple>")
            }
            single = parts[0].text
            multiple = parts[1].text
        }
    }
}

/// A mistake in a style or locale, at the element where it is (its byte offset in the file, which
/// ``XMLReader/location(of:in:)`` turns into a line and column).
public struct CSLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    init(_ element: XMLElement, _ message: String) {
        self.init(offset: element.offset, message: message)
    }

    public var description: String { message }

    static func unknownElement(_ element: XMLElement, in parent: String, known: [String]) -> CSLError {
        CSLError(element, "unknown element <\(element.name)> in <\(parent)>; expected " + list(known.map { "<\($0)>" }))
    }

    static func boolean(_ attribute: XMLAttribute, in element: XMLElement) throws(CSLError) -> Bool {
        switch attribute.value {
        case "true": return true
        case "false": return false
        default: throw CSLError(element, "'\(attribute.name)' is true or false, not '\(attribute.value)'")
        }
    }

    /// The value of an attribute that takes one of a few words, nil when the element has none.
    static func value<Value: RawRepresentable & CaseIterable>(_ name: String, of element: XMLElement, required: Bool = false) throws(CSLError) -> Value?
    where Value.RawValue == String {
        guard let text = element[attribute: name] else {
            if required { throw CSLError(element, "<\(element.name)> needs '\(name)': " + list(Value.allCases.map(\.rawValue))) }
            return nil
        }
        guard let value = Value(rawValue: text) else {
            throw CSLError(element, "unknown \(name) '\(text)' on <\(element.name)>; expected " + list(Value.allCases.map(\.rawValue)))
        }
        return value
    }

    /// `a, b or c`.
    static func list(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}
