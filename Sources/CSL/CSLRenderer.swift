/// The options in force in a citation or a bibliography: the style's, overridden by the section's own
/// (`page-range-format`, `et-al-min`…); and, worked out once, the name options a `<name>` inherits from them.
struct CSLOptions: Sendable {
    private let values: [String: String]
    let nameAttributes: [XMLAttribute]
    /// The name options a sort key's names inherit: the section's own, not the style's (`initialize-with=". "` on
    /// `<style>`, as APA has it, does not initialize a sort key's given names in pandoc's citeproc: "Smith KJ" sorts
    /// before "Smith KP" though both print "Smith, K.").
    let sortKeyNameAttributes: [XMLAttribute]

    /// - Parameters:
    ///   - values: the style's options overridden by the section's.
    ///   - section: the section's own.
    init(_ values: [String: String], section: [String: String] = [:]) {
        self.values = values
        func inherited(_ values: [String: String]) -> [XMLAttribute] {
            var attributes: [XMLAttribute] = []
            for name in CSLSchema.nameOptions { if let value = values[name] { attributes.append(XMLAttribute(name: name, value: value)) } }
            if let form = values["name-form"] { attributes.append(XMLAttribute(name: "form", value: form)) }
            if let delimiter = values["name-delimiter"] { attributes.append(XMLAttribute(name: "delimiter", value: delimiter)) }
            return attributes
        }
        nameAttributes = inherited(values)
        sortKeyNameAttributes = inherited(section)
    }

    subscript(name: String) -> String? { values[name] }
}

/// What rendering an element gave: its text, and whether it called a variable and printed one, which decide
/// whether a `<group>` around it prints (CSL 1.0.2, "Group").
struct Rendered {
    var texts: [CSLText] = []
    var calledVariable = false
    var printedVariable = false
    /// Whether its text begins with a term, which a note style capitalizes at the start of a note ("Ibid.").
    var startsWithTerm = false

    var isEmpty: Bool { texts.allSatisfy(\.isEmpty) }

    static func variable(_ texts: [CSLText]) -> Rendered {
        Rendered(texts: texts, calledVariable: true, printedVariable: !texts.allSatisfy(\.isEmpty))
    }

    static let missingVariable = Rendered(calledVariable: true)
}

/// Where a cite stands among the cites before it, for note styles' `position` conditions.
enum CSLPosition: Hashable, Sendable {
    case first, subsequent, ibid, ibidWithLocator
}

/// Text of the locale's that a style prints: a term (`<text term>`) or a label (`<label>`).
enum LocaleText {
    case term, label
}

/// The item being rendered and what the processor knows of it at this place.
struct CSLCiteContext {
    var item: CSLItem
    var cite: CSLCite?
    var position: CSLPosition = .first
    var nearNote = false
    var citationNumber: Int?
    var firstNoteNumber: Int?
    var yearSuffix: String?
    /// What disambiguation changed for this item: the names shown before "et al." at least (in its citations and its
    /// entry, as pandoc's citeproc keeps the count with the item), given names expanded (by the name, wherever the
    /// item prints it), and the `disambiguate` condition.
    var leastNames: Int?
    var givenNames: [String: CSLGivenHint] = [:]
    var disambiguate = false
}

/// How disambiguation expands a name's given name (by the name, ``CSLProcessor/nameKey(_:primary:rule:)``): level 1
/// prints its initials, 2 the full given name; `firstOnly` where the rule expands it only as the first name of its list
/// (the `primary-name` rules).
struct CSLGivenHint: Hashable, Sendable {
    var level: Int
    var firstOnly: Bool
}

/// A name list as a render printed it: its variable and all its names.
struct CSLNameList: Sendable, Equatable {
    var variable: String
    var names: [CSLName]
}

/// What every renderer of a processor's citations, or of its bibliography, reads: made once, shared (a renderer is
/// made for every item rendered, and copied; one reference is all it takes of these).
final class CSLRenderSetup: Sendable {
    let style: CSLStyle
    let locales: CSLLocales
    /// The options in force: the style's, then the citation's or bibliography's (name options, `page-range-format`,
    /// `demote-non-dropping-particle`…).
    let options: CSLOptions

    init(style: CSLStyle, locales: CSLLocales, options: CSLOptions) {
        self.style = style
        self.locales = locales
        self.options = options
    }
}

/// Whether a render printed a name in its short form (set by the render and its copies).
final class CSLShortNames {
    var printed = false
}

/// Whether a render printed one of the item's identifiers, a DOI, PMCID, PMID or URL (set by the render and its
/// copies): pandoc's citeproc links an entry's title only when the style printed none of them.
final class CSLPrintedIdentifiers {
    static let variables = ["DOI", "PMCID", "PMID", "URL"]
    var printed = false
}

/// Renders a layout's elements for one item: text, numbers, labels, names, dates, groups, choices and macros.
struct CSLRenderer {
    let setup: CSLRenderSetup
    var style: CSLStyle { setup.style }
    var locales: CSLLocales { setup.locales }
    var options: CSLOptions { setup.options }
    var context: CSLCiteContext
    /// Whether the item's title is printed as a link to ``CSLItem/link`` (in a bibliography entry; a citation links
    /// to the entry instead).
    var linksTitle = false
    /// Variables a `<substitute>` printed, which the rest of the item's layout leaves out.
    var suppressed: Set<String> = []
    /// Rendering a sort key: names print in sort order, dates as sortable numbers.
    var sortKey: [String: String]?
    /// Rendering a cite as pandoc's citeproc reads it to tell whether it is ambiguous: its words without affixes,
    /// delimiters or quotation marks ("[1999?]" is "1999", which a cite dated 1999 shares).
    var readsAmbiguity = false
    /// Whether the year suffix follows the first year printed, because the style never prints `year-suffix` itself;
    /// and whether it has been printed.
    var implicitYearSuffix = false
    var yearSuffixPrinted = false
    /// The year suffix the date being rendered puts after its year.
    var pendingYearSuffix: String?
    /// The cite's author (its first `<names>` that prints), once rendered; whether it has been found, and whether
    /// the cite leaves it out.
    var author: [CSLText]?
    /// The author's names without their label, which subsequent-author-substitute compares.
    var authorNames: String?
    /// Whether the render works out who the cite's author is (``authorIdentity``, ``authorPeople``): only a style
    /// that groups one author's cites reads it.
    var comparesAuthors = false
    /// Who the author's names are (each name's parts), which, with its text, tells whether two cites have the same
    /// author, as pandoc's citeproc tells it: "Singh et al., 2010, 2012" groups only when the Singh shown is one
    /// person; when the names stand in a substitute and the style sets `names-delimiter` (APA), only when every name
    /// of the two lists is the same.
    var authorIdentity = ""
    /// Every name list the render printed, by variable, with all its names (those an et-al cut leaves out too), when
    /// not nil: the names that disambiguation's given-name rules read, as pandoc's citeproc reads them.
    var printedNameLists: [CSLNameList]?
    /// Who all the people of the author's lists are, by variable (empty when a substitute printed them with the
    /// style's `names-delimiter`): two cites whose lists are the same people group however their names print (one with
    /// more names shown to tell it from a third).
    var authorPeople: [CSLNameList] = []
    var authorFound = false
    var suppressAuthor = false
    /// Whether each date prints its year suffix alone (nothing when it has none): a cite after one of the same author
    /// and year where the style collapses year suffixes ("Smith 2019a, p. 3, b").
    var yearSuffixOnly = false
    /// What a bibliography entry prints in place of an author the entry before it has too, and whether the names
    /// being rendered are the ones it replaces.
    var authorSubstitute: String?
    /// How many of the author's first names the substitute replaces, each in its own place with the list's delimiters
    /// and "and" kept (`subsequent-author-substitute-rule` other than complete-all); nil: the whole list at once.
    var authorSubstituteCount: Int?
    /// The names of the author's `<names>` (those of its substitute's when a substitute printed it), every one of its
    /// first list, those past an et-al cut too: what subsequent-author-substitute's rules compare, name by name.
    var authorNameList: [CSLName] = []
    var collectsAuthorNames = false
    var replacingNames = false, replacedNames = false
    /// Rendering a `<substitute>`, whose text, number and name variables are suppressed as soon as they print (and only
    /// those; a date prints again, as in pandoc's citeproc); and the attributes and parts of the `<names>` it stands in
    /// for, which a bare `<names>` in it takes.
    var substituting = false
    var substitutedNames: ([XMLAttribute], [CSLNamesPart])?
    /// Set, when there is one, once the render prints a name in its short form: the processor tells by it whether
    /// initials added to a name would show.
    var shortNames: CSLShortNames?
    /// Set, when there is one, once the render prints an identifier of the item (``CSLPrintedIdentifiers``).
    var identifiers: CSLPrintedIdentifiers?

    var item: CSLItem { context.item }

    /// The item's text read as CSL's rich text (``CSLMarkup/parse(_:quotesAsTyped:narrowsSpaces:quotesAsText:)``), its
    /// spaces before `;` and its straight double quotes read as the item's format has them (``CSLItem/narrowsSpaces``,
    /// ``CSLItem/quotesAsText``).
    func markup(_ text: String) -> [CSLText] {
        CSLMarkup.parse(text, narrowsSpaces: item.narrowsSpaces, quotesAsText: item.quotesAsText)
    }

    mutating func render(_ elements: [CSLElement]) -> Rendered {
        var result = Rendered()
        var pieces: [[CSLText]] = []
        for element in elements {
            let part = render(element)
            if !part.isEmpty {
                if pieces.isEmpty { result.startsWithTerm = part.startsWithTerm }
                pieces.append(part.texts)
            }
            result.calledVariable = result.calledVariable || part.calledVariable
            result.printedVariable = result.printedVariable || part.printedVariable
        }
        // Merged once, not element by element: each merge copies what came before.
        result.texts = pieces.count == 1 ? pieces[0] : CSLPunctuation.merge(pieces)
        return result
    }

    mutating func render(_ element: CSLElement) -> Rendered {
        switch element {
        case .text(let attributes): return text(attributes)
        case .number(let attributes): return number(attributes)
        case .label(let attributes): return decorate(label(attributes, variable: attributes["variable"] ?? ""), attributes, localeText: .label)
        case .names(let attributes, let parts): return names(attributes, parts)
        case .date(let attributes, let parts): return date(attributes, parts)
        case .group(let attributes, let children):
            var parts: [Rendered] = []
            for child in flattened(children) {
                let part = render(child)
                if !part.isEmpty || part.calledVariable { parts.append(part) }
            }
            let called = parts.contains { $0.calledVariable }
            if called && !parts.contains(where: { $0.printedVariable }) { return Rendered(calledVariable: true) }
            let printed = parts.filter { !$0.isEmpty }
            let joined = join(printed.map(\.texts), attributes["delimiter"])
            var result = decorate(Rendered(texts: joined, startsWithTerm: printed.first?.startsWithTerm ?? false), attributes)
            result.calledVariable = called
            result.printedVariable = parts.contains { $0.printedVariable }
            return result
        case .choose(let branches):
            for branch in branches where matches(branch) {
                return render(branch.elements)
            }
            return Rendered()
        }
    }

    /// A group's children with each `<choose>` replaced by the elements of its branch that matches: the group's
    /// delimiter goes between those as between its own children.
    func flattened(_ elements: [CSLElement]) -> [CSLElement] {
        // Most groups have no choice among their children: they are as they are, not copied one by one.
        guard elements.contains(where: { if case .choose = $0 { true } else { false } }) else { return elements }
        var result: [CSLElement] = []
        for element in elements {
            if case .choose(let branches) = element {
                if let branch = branches.first(where: { matches($0) }) { result += flattened(branch.elements) }
            } else {
                result.append(element)
            }
        }
        return result
    }

    // MARK: - Text, numbers, labels

    private mutating func text(_ attributes: [XMLAttribute]) -> Rendered {
        if let name = attributes["macro"] {
            // A macro acts as a group: it prints nothing when the variables it calls are all empty, and what it does
            // print counts as a printed variable for the groups around it (as citeproc-js has it).
            var result = render(style.macros[name] ?? [])
            if result.calledVariable && !result.printedVariable { return Rendered(calledVariable: true) }
            if !result.isEmpty { result.calledVariable = true; result.printedVariable = true }
            return decorate(result, attributes)
        }
        if let value = attributes["value"] {
            return decorate(Rendered(texts: CSLMarkup.parse(value)), attributes)
        }
        if let name = attributes["term"] {
            let form = CSLTerm.Form(rawValue: attributes["form"] ?? "long") ?? .long
            var term = locales.term(name, form: form, plural: attributes["plural"] == "true") ?? ""
            if name == "no date", implicitYearSuffix, !yearSuffixPrinted, let suffix = context.yearSuffix {
                // An undated work takes the year suffix a date would: "n.d.a", "no date a" (as pandoc's citeproc
                // prints it), so that two of one author's are told apart.
                term += form == .long ? " " + suffix : suffix
                yearSuffixPrinted = true
            }
            return decorate(Rendered(texts: [.text(term)], startsWithTerm: true), attributes, localeText: .term)
        }
        guard let variable = attributes["variable"] else { return Rendered() }
        // The year suffix does not count as a variable for a group's suppression (as in pandoc's citeproc).
        if variable == "year-suffix" {
            return context.yearSuffix.map { decorate(Rendered(texts: [.text($0)]), attributes) } ?? Rendered()
        }
        let short = attributes["form"] == "short"
        guard var value = textVariable(variable, short: short) else { return .missingVariable }
        if substituting { suppressed.insert(variable) }
        if let identifiers, !identifiers.printed, CSLPrintedIdentifiers.variables.contains(variable) { identifiers.printed = true }
        if variable == "citation-label", implicitYearSuffix, !yearSuffixPrinted, let suffix = context.yearSuffix {
            // The label tells two items apart as a year does: `RoNo78a`, `RoNo78b` (as pandoc's citeproc prints it).
            value += suffix
            yearSuffixPrinted = true
        }
        var text = value
        if variable == "page" || variable == "locator" {
            // Page ranges take an en dash (or the locale's delimiter); only pages are shortened.
            let page = variable == "page" || (context.cite?.label ?? "page") == "page"
            // A space at either end of a page (a CSL-JSON file's `"12-14 "`) goes, as pandoc's citeproc strips its
            // ranges; the label still counts it (IEEE's "pp. 12" for `" 12"`).
            text = CSLNumbers.pageRange(value.trimmingSpaces, format: page ? options["page-range-format"] : nil, delimiter: locales.term("page-range-delimiter") ?? "–",
                                        ampersand: locales.term("and", form: .symbol) ?? "&")
        }
        // A page locator is text as it is written, as pandoc's citeproc prints it (its `pageRange`); a locator of
        // another kind is read as rich text.
        var texts = variable == "locator" && (context.cite?.label ?? "page") == "page" ? [.text(text)] : markup(text)
        if linksTitle, variable == "title", !short, let link = item.link { texts = [.styled(.link(link), texts)] }
        return decorate(.variable(texts), attributes)
    }

    /// A variable's text as `<text>` prints it, nil when the item has none.
    private func textVariable(_ variable: String, short: Bool) -> String? {
        if suppressed.contains(variable) { return nil }
        switch variable {
        case "citation-number": return context.citationNumber.map(String.init)
        case "locator": return context.cite?.locator.flatMap { $0.trimmingSpaces.isEmpty ? nil : $0.trimmingSpaces }
        case "year-suffix": return context.yearSuffix
        case "first-reference-note-number": return context.firstNoteNumber.map(String.init)
        default: break
        }
        if variable == "page-first", item.fields["page-first"] == nil, let page = item.fields["page"], !suppressed.contains("page") {
            let first = page.prefix { $0 != "-" && $0 != "–" && $0 != "," && $0 != "&" }.trimmingSpaces
            return first.isEmpty ? nil : first
        }
        if variable == "citation-label" { return item.citationLabel }
        if short, let value = item.fields[variable + "-short"], !value.isEmpty { return value }
        if variable == "container-title-short", item.fields[variable] == nil, let value = item.fields["journalAbbreviation"], !value.isEmpty { return value }
        if short, variable == "container-title", let value = item.fields["journalAbbreviation"], !value.isEmpty { return value }
        if short, variable == "title", let value = item.fields["shortTitle"], !value.isEmpty { return value }
        guard let value = item.fields[variable], !value.isEmpty else { return nil }
        return value
    }

    private mutating func number(_ attributes: [XMLAttribute]) -> Rendered {
        let variable = attributes["variable"] ?? ""
        guard let value = textVariable(variable, short: false) else { return .missingVariable }
        if substituting { suppressed.insert(variable) }
        let texts: [CSLText]
        if CSLNumbers.isNumeric(value) {
            texts = [.text(CSLNumbers.format(value, form: attributes["form"] ?? "numeric", locales: locales, gender: locales.gender(of: variable)))]
        } else {
            texts = markup(CSLNumbers.dashingHyphens(value))
        }
        return decorate(.variable(texts), attributes)
    }

    /// A label's term for a variable, plural when the variable holds more than one number (or `plural` says).
    func label(_ attributes: [XMLAttribute], variable: String, count: Int? = nil) -> Rendered {
        let term: String
        let value: String?
        if variable == "locator" {
            term = context.cite?.label ?? "page"
            value = context.cite?.locator
        } else {
            term = variable
            // Within a substitute, a label goes with the variable it just printed (`15th ed.`).
            value = suppressed.contains(variable) && !substituting ? nil : item.fields[variable]
        }
        guard count != nil || value?.isEmpty == false else { return Rendered() }
        let plural: Bool
        switch attributes["plural"] ?? "contextual" {
        case "always": plural = true
        case "never": plural = false
        default:
            if let count { plural = count > 1 }
            // As pandoc's citeproc reads them: a number of volumes is plural unless it is 1 or 0; a number of pages
            // as a page is, by how many numbers it holds ("528 p.", "xii, 528 pp.").
            else if variable == "number-of-volumes" { plural = value != "1" && value != "0" }
            else { plural = CSLNumbers.isPlural(value!) }
        }
        let form = CSLTerm.Form(rawValue: attributes["form"] ?? "long") ?? .long
        guard let text = locales.term(term == "sub verbo" ? "sub-verbo" : term, form: form, plural: plural), !text.isEmpty else { return Rendered() }
        return Rendered(texts: [.text(text)])
    }

    // MARK: - Conditions

    private func matches(_ branch: CSLBranch) -> Bool {
        // Each value of each condition is a test, but `type`'s values are one test, "the type is one of these" (as in
        // pandoc's citeproc: styles write `<if type="thesis manuscript">` and mean either); `all` stops at the first
        // test that fails, `any` and `none` at the first that passes.
        func decided(_ passed: Bool) -> Bool? {
            switch branch.match {
            case .all where !passed: false
            case .any where passed: true
            case .none where passed: false
            default: nil
            }
        }
        for condition in branch.conditions {
            if condition.name == "type" {
                if let result = decided(condition.values.contains(item.type)) { return result }
                continue
            }
            for value in condition.values {
                if let result = decided(test(condition.name, value)) { return result }
            }
        }
        return branch.match != .any || branch.conditions.isEmpty
    }

    private func test(_ condition: String, _ value: String) -> Bool {
        switch condition {
        case "variable": return hasVariable(value)
        case "is-numeric":
            guard let text = textVariable(value, short: false) else { return false }
            return CSLNumbers.isNumeric(text)
        case "is-uncertain-date": return item.dates[value]?.circa == true
        case "locator":
            guard context.cite?.locator?.isEmpty == false else { return false }
            let label = context.cite?.label ?? "page"
            return label == value || (value == "sub-verbo" && label == "sub verbo")
        case "position":
            guard context.cite != nil else { return false }
            switch value {
            case "first": return context.position == .first
            case "subsequent": return context.position != .first
            case "ibid": return context.position == .ibid || context.position == .ibidWithLocator
            case "ibid-with-locator": return context.position == .ibidWithLocator
            case "near-note": return context.position != .first && context.nearNote
            default: return false
            }
        case "disambiguate": return (value == "true") == context.disambiguate
        default: return false
        }
    }

    /// Whether the item has a variable, for `<if variable>`: a variable a substitute printed still counts (as in
    /// pandoc's citeproc), though it prints nothing more.
    private func hasVariable(_ name: String) -> Bool {
        switch name {
        case "locator": return context.cite?.locator?.isEmpty == false
        case "citation-number": return context.citationNumber != nil
        case "year-suffix": return context.yearSuffix != nil
        case "first-reference-note-number": return context.firstNoteNumber != nil
        default: break
        }
        if let value = item.fields[name], !value.isEmpty { return true }
        if let names = item.names[name], !names.isEmpty { return true }
        if let date = item.dates[name], !date.isEmpty { return true }
        return false
    }

    // MARK: - Helpers

    /// `localeText`: the text is the locale's, a term (whose case follows the item's language as the item's text
    /// does, but never Turkic rules) or a label (`<label>`, in title case whatever the language, as pandoc's citeproc
    /// prints it: French "(Éd.)", Italian "(A c. Di)").
    func decorate(_ rendered: Rendered, _ attributes: [XMLAttribute], localeText: LocaleText? = nil) -> Rendered {
        guard !rendered.isEmpty else { return rendered }
        var texts = rendered.texts
        // Periods go before the text case reads the words, as in pandoc's citeproc ("i.e." is the word "ie").
        if attributes["strip-periods"] == "true" { texts = CSLTextCase.stripPeriods(texts) }
        if let textCase = attributes["text-case"] {
            // Title case only for English: the item's language, or the locale's for items that give none.
            let english = localeText == .label || (item.language?.isEmpty != false ? locales.language.hasPrefix("en") : item.isEnglish)
            let turkic = localeText == nil && item.hasTurkicCasing
            let italic = attributes["font-style"] == "italic" || attributes["font-style"] == "oblique"
            texts = CSLTextCase.apply(textCase, to: texts, english: english, turkic: turkic, lastWord: !italic)
        }
        if attributes["quotes"] == "true" { texts = [.styled(.quoted, texts)] }
        for styling in CSLStyling.from(attributes).reversed() { texts = [.styled(styling, texts)] }
        var startsWithTerm = rendered.startsWithTerm
        if let prefix = attributes["prefix"], !prefix.isEmpty, !readsAmbiguity {
            texts = CSLPunctuation.merge([[.text(prefix)], texts])
            startsWithTerm = false
        }
        if let suffix = attributes["suffix"], !suffix.isEmpty, !readsAmbiguity { texts = CSLPunctuation.merge([texts, [.text(suffix)]]) }
        if let display = attributes["display"] { texts = [.styled(.display(display), texts)] }
        var result = rendered
        result.texts = texts
        result.startsWithTerm = startsWithTerm
        return result
    }

    /// Texts joined by a delimiter.
    func join(_ parts: [[CSLText]], _ delimiter: String?) -> [CSLText] {
        CSLPunctuation.join(parts, readsAmbiguity ? " " : delimiter)
    }
}

extension Array where Element == XMLAttribute {
    /// The value of the attribute of this name (looked up at every element rendered: names of another length are
    /// passed over without comparing their text).
    subscript(_ name: String) -> String? {
        let length = name.utf8.count
        for attribute in self where attribute.name.utf8.count == length && attribute.name == name { return attribute.value }
        return nil
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let string = String(self)
        guard string.utf8.first == UInt8(ascii: " ") || string.utf8.last == UInt8(ascii: " ") else { return string }
        return String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
