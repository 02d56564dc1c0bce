/// The locales a style renders with, in the order CSL looks terms up (CSL 1.0.2, "Locale Fallback"): the style's
/// own `<locale>` for the language and dialect, for the language, and for every language; then the locale file of
/// the dialect, of the language's main dialect, and `en-US`.
struct CSLLocales: Sendable {
    let chain: [CSLLocale]
    let language: String
    /// How many locales at the start of the chain are the document's language's own: the style's and the language's
    /// file, without `en-US` when it is only the fallback of another language (or of another English).
    let ownCount: Int
    /// Terms by name, form and plurality, first found along the chain; filled once.
    private let terms: [TermKey: String]
    let quotes: CSLQuotes
    let limitDayOrdinalsToDay1: Bool
    /// The long `ordinal` and `ordinal-00` to `ordinal-99` terms (their number nil for `ordinal`), with the gender of
    /// the noun each goes with, from the first locale along the chain that has any: they replace all of the others'.
    private let ordinals: [(number: Int?, text: String, match: CSLTerm.Match?, gender: CSLTerm.Gender?)]
    /// The grammatical gender of each noun term that has one (`edition`, `month-01`), first found along the chain.
    private let genders: [String: CSLTerm.Gender]

    private struct TermKey: Hashable {
        var name: String
        var form: CSLTerm.Form
        var plural: Bool
    }

    /// The main dialect of languages whose locale file is not simply `xx-XX`.
    static let mainDialects = [
        "af": "af-ZA", "ar": "ar", "ca": "ca-AD", "cs": "cs-CZ", "cy": "cy-GB", "da": "da-DK", "el": "el-GR", "en": "en-US",
        "et": "et-EE", "eu": "eu", "fa": "fa-IR", "gl": "gl-ES", "he": "he-IL", "hi": "hi-IN", "ja": "ja-JP", "km": "km-KH",
        "ko": "ko-KR", "la": "la", "nb": "nb-NO", "nn": "nn-NO", "pt": "pt-PT", "sl": "sl-SI", "sr": "sr-RS", "sv": "sv-SE",
        "uk": "uk-UA", "vi": "vi-VN", "zh": "zh-CN",
    ]

    init(style: CSLStyle, language requested: String?, files: [String: CSLLocale]) {
        let language = requested ?? style.defaultLocale ?? "en-US"
        let primary = String(language.prefix { $0 != "-" })
        var chain = style.locales.filter { $0.language == language }
        if primary != language { chain += style.locales.filter { $0.language == primary } }
        chain += style.locales.filter { $0.language == nil }
        let dialect = files[language] != nil ? language : CSLProcessor.mainDialect(of: primary)
        for name in [language, dialect] where files[name] != nil && !chain.contains(where: { $0 == files[name] }) {
            chain.append(files[name]!)
        }
        // pandoc reads the document's words (its locator labels) in these alone; en-US is the language's own only
        // when it is the language, or there is no file of the language.
        let own = chain.count, hasFile = files[language] != nil || files[dialect] != nil
        if let english = files["en-US"], !chain.contains(english) { chain.append(english) }
        ownCount = hasFile ? own : chain.count
        self.chain = chain
        self.language = language

        // Each locale's terms; then, for each term and form, the first locale along the chain that has it in that form
        // or one it falls back to (a short form missing in Italian is Italian's long one, not English's short one), as
        // pandoc's citeproc looks terms up.
        var termsByLocale: [[TermKey: String]] = [], genders: [String: CSLTerm.Gender] = [:]
        for locale in chain {
            var terms: [TermKey: String] = [:]
            for term in locale.terms.reversed() {
                // A straight apostrophe in a term's words is one (French "à l’adresse"), as pandoc prints it; a quote
                // term's mark is as written.
                func text(_ text: String) -> String {
                    text.contains("'") && !term.name.hasSuffix("quote") ? text.replacing("'", with: "’") : text
                }
                terms[TermKey(name: term.name, form: term.form, plural: false)] = text(term.single)
                terms[TermKey(name: term.name, form: term.form, plural: true)] = text(term.multiple ?? term.single)
            }
            for term in locale.terms where term.form == .long && genders[term.name] == nil {
                if let gender = term.gender { genders[term.name] = gender }
            }
            termsByLocale.append(terms)
        }
        var terms: [TermKey: String] = [:]
        for key in Set(termsByLocale.flatMap { $0.keys.map { TermKey(name: $0.name, form: .long, plural: $0.plural) } }) {
            for form in CSLTerm.Form.allCases {
                found: for locale in termsByLocale {
                    var wanted: CSLTerm.Form? = form
                    while let each = wanted {
                        if let text = locale[TermKey(name: key.name, form: each, plural: key.plural)] {
                            terms[TermKey(name: key.name, form: form, plural: key.plural)] = text
                            break found
                        }
                        wanted = each.fallback
                    }
                }
            }
        }
        self.terms = terms
        self.genders = genders
        // The ordinal terms of the language's own locales (the style's, then the file's), each name (in all its
        // genders) from the first that has it, as pandoc's citeproc merges them: a style's French `ordinal-01` "ère"
        // and `ordinal-02` "e" keep the file's `ordinal` ("1ère", "12e", "15ᵉ"), and German's `ordinal` "." takes no
        // English "rd" from the en-US fallback.
        func isOrdinal(_ term: CSLTerm) -> Bool { term.name == "ordinal" || term.name.hasPrefix("ordinal-") }
        var ordinals: [(number: Int?, text: String, match: CSLTerm.Match?, gender: CSLTerm.Gender?)] = []
        var named: Set<String> = []
        for locale in chain.prefix(ownCount) {
            let terms = locale.terms.filter { isOrdinal($0) && $0.form == .long && !named.contains($0.name) }
            for term in terms {
                // A suffix of digits is the number written again (he-IL's `ordinal-02` is "2", which printed a 2nd edition
                // "22 מהדורה"): the number goes alone.
                let suffix = term.single.allSatisfy { $0.isASCII && $0.isNumber } ? "" : term.single
                ordinals.append((term.name == "ordinal" ? nil : Int(term.name.dropFirst(8)), suffix, term.match, term.genderForm))
            }
            named.formUnion(terms.map(\.name))
        }
        self.ordinals = ordinals
        var quotes = CSLQuotes()
        for (name, keyPath) in [("open-quote", \CSLQuotes.open), ("close-quote", \.close), ("open-inner-quote", \.innerOpen), ("close-inner-quote", \.innerClose)] {
            if let mark = terms[TermKey(name: name, form: .long, plural: false)] { quotes[keyPath: keyPath] = mark }
        }
        quotes.punctuationInQuote = chain.lazy.compactMap(\.punctuationInQuote).first ?? false
        self.quotes = quotes
        limitDayOrdinalsToDay1 = chain.lazy.compactMap(\.limitDayOrdinalsToDay1).first ?? false
    }

    /// A term's text, from the first locale that has it in the form or one it falls back to; nil when none has it.
    func term(_ name: String, form: CSLTerm.Form = .long, plural: Bool = false) -> String? {
        terms[TermKey(name: name, form: form, plural: plural)]
    }

    /// A date format of the first locale along the chain that has it, and its delimiter.
    func dateFormat(_ form: CSLDateForm) -> (parts: [CSLDatePart], delimiter: String?) {
        guard let locale = chain.first(where: { $0.dateFormats[form] != nil }) else { return ([], nil) }
        return (locale.dateFormats[form]!, locale.dateDelimiters[form])
    }

    /// `1st`, `2nd`…: the number with the ordinal suffix the locale gives it (`ordinal-00` to `ordinal-09` match the
    /// last digit unless they say otherwise, `ordinal-10` to `ordinal-99` the last two digits, `ordinal` the rest),
    /// for a noun of the gender (`4ª ed.` in Italian, whose edition is feminine): the term of that gender-form, or else
    /// the one of none.
    func ordinal(_ number: Int, gender: CSLTerm.Gender? = nil) -> String {
        let lastTwo = abs(number) % 100, lastDigit = abs(number) % 10
        func term(_ numbered: Int?) -> (text: String, match: CSLTerm.Match?)? {
            let term = ordinals.first { $0.number == numbered && $0.gender == gender } ?? ordinals.first { $0.number == numbered && $0.gender == nil }
            return term.map { ($0.text, $0.match) }
        }
        func fits(_ term: (text: String, match: CSLTerm.Match?), _ value: Int, _ standard: CSLTerm.Match) -> Bool {
            switch term.match ?? standard {
            case .wholeNumber: abs(number) == value
            case .lastTwoDigits: lastTwo == value
            case .lastDigit: lastDigit == value
            }
        }
        if lastTwo >= 10, let term = term(lastTwo), fits(term, lastTwo, .lastTwoDigits) { return "\(number)\(term.text)" }
        if let term = term(lastDigit), fits(term, lastDigit, .lastDigit) { return "\(number)\(term.text)" }
        return "\(number)" + (term(nil)?.text ?? "")
    }

    /// The grammatical gender of a noun term (`edition`, `month-03`), if the locale gives it one.
    func gender(of name: String) -> CSLTerm.Gender? {
        genders[name]
    }

    /// `first`, `second`… up to `tenth`, then the ordinal number.
    func longOrdinal(_ number: Int, gender: CSLTerm.Gender? = nil) -> String {
        guard (1...10).contains(number) else { return ordinal(number, gender: gender) }
        return term("long-ordinal-" + (number < 10 ? "0\(number)" : "10")) ?? ordinal(number, gender: gender)
    }
}
