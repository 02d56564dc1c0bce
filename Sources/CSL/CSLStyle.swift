/// A CSL 1.0.2 style, read from its `<style>` element: its info, options, locale overrides, macros, and the
/// citation and bibliography it describes, each a tree of ``CSLElement``s. Reading checks what the schema says of
/// element names, attribute names and the words they take, and that every macro called exists, each mistake at its
/// element.
public struct CSLStyle: Sendable, Equatable {
    public enum Class: String, Sendable, CaseIterable {
        case inText = "in-text", note
    }

    public var `class`: Class
    public var defaultLocale: String?
    public var title: String?
    public var id: String?
    /// For a dependent style: the address of the style it takes its citation and bibliography from
    /// (`<link rel="independent-parent">`).
    public var parent: String?
    /// The byte offset of that `<link>` element in the style's text, for an error about its parent.
    public var parentOffset: Int?
    /// What its citations are (`<category citation-format="…">`): `numeric`, `author-date`, `author`, `label` or `note`.
    public var citationFormat: String?
    /// Its licence as `<rights>` states it (`This work is licensed under a Creative Commons Attribution-ShareAlike 3.0
    /// License`), with the licence's address when the `license` attribute gives one.
    public var rights: String?
    /// The style's own attributes besides `class`, `version` and `default-locale`: global options and the name
    /// options every `<names>` inherits.
    public var options: [XMLAttribute]
    public var locales: [CSLLocale]
    /// The terms it names that CSL does not define (`<text term="…">`), each with the byte offset of the first
    /// element that names it: only its own locales define them, perhaps not for every language.
    public var ownTermUses: [String: Int]
    public var macros: [String: [CSLElement]]
    public var citation: CSLLayoutSection?
    public var bibliography: CSLLayoutSection?

    public init(_ root: XMLElement) throws(CSLError) {
        guard root.name == "style" else { throw CSLError(root, "a style's root element is <style>, not <\(root.name)>") }
        // A dependent style (one that names its parent) may leave its class to the parent, as some tools write
        // them; it is read again below when the style has no parent.
        `class` = try CSLError.value("class", of: root, required: false) ?? .inText
        defaultLocale = root[attribute: "default-locale"]
        options = root.attributes.filter { !["xmlns", "class", "version", "default-locale"].contains($0.name) }
        try CSLSchema.check(options, of: root, allowed: CSLSchema.styleOptions + CSLSchema.inheritableNameOptions)
        locales = []
        ownTermUses = [:]
        macros = [:]
        var macroElements: [XMLElement] = []
        for child in root.elements {
            switch child.name {
            case "info":
                for field in child.elements {
                    switch field.name {
                    case "title": title = field.text
                    case "id": id = field.text
                    case "link" where field[attribute: "rel"] == "independent-parent":
                        parent = field[attribute: "href"]
                        parentOffset = field.offset
                    case "category" where field[attribute: "citation-format"] != nil: citationFormat = field[attribute: "citation-format"]
                    case "rights": rights = [field.text, field[attribute: "license"]].compactMap { $0 }.joined(separator: ": ")
                    default: break
                    }
                }
            case "locale": locales.append(try CSLLocale(child))
            case "macro":
                guard let name = child[attribute: "name"] else { throw CSLError(child, "a macro needs a name, such as <macro name=\"author\">") }
                guard macros[name] == nil else { throw CSLError(child, "a second macro named '\(name)'") }
                macros[name] = try CSLElement.children(of: child)
                macroElements.append(child)
            case "citation": citation = try CSLLayoutSection(child, options: CSLSchema.citationOptions)
            case "bibliography": bibliography = try CSLLayoutSection(child, options: CSLSchema.bibliographyOptions)
            default:
                throw CSLError.unknownElement(child, in: "style", known: ["info", "locale", "macro", "citation", "bibliography"])
            }
        }
        if parent == nil { _ = try CSLError.value("class", of: root, required: true) as Class? }
        if parent == nil, citation == nil {
            throw CSLError(root, "an independent style needs a <citation>")
        }
        // Every macro a style calls must exist, and every variable, term, type and position it names must be CSL's
        // (or, for a term, one its own locales define).
        let known = Set(macros.keys)
        let ownTerms = Set(locales.flatMap { $0.terms.map(\.name) })
        var ownTermUses: [String: Int] = [:]
        func check(_ element: XMLElement) throws(CSLError) {
            if let macro = element[attribute: "macro"], element.name == "text" || element.name == "key", !known.contains(macro) {
                throw CSLError(element, "no macro named '\(macro)'" + (CSLSchema.nearest(macro, in: known).map { "; did you mean '\($0)'?" } ?? ""))
            }
            try CSLSchema.checkNames(element, ownTerms: ownTerms)
            if element.name == "text" || element.name == "et-al", let term = element[attribute: "term"], !CSLVocabulary.isTerm(term), ownTermUses[term] == nil {
                ownTermUses[term] = element.offset
            }
            for child in element.elements { try check(child) }
        }
        try check(root)
        self.ownTermUses = ownTermUses
    }
}

/// A style's `<citation>` or `<bibliography>`: its options, its sort keys and its layout.
public struct CSLLayoutSection: Sendable, Equatable {
    public var options: [XMLAttribute]
    public var sort: [CSLSortKey]
    /// The layout's affixes, delimiter and formatting.
    public var layout: [XMLAttribute]
    public var elements: [CSLElement]

    init(_ element: XMLElement, options allowed: [String]) throws(CSLError) {
        options = element.attributes
        try CSLSchema.check(options, of: element, allowed: allowed + CSLSchema.inheritableNameOptions)
        sort = []
        var layout: XMLElement?
        for child in element.elements {
            switch child.name {
            case "sort":
                sort = try child.elements.map { key throws(CSLError) in
                    guard key.name == "key" else { throw CSLError.unknownElement(key, in: "sort", known: ["key"]) }
                    return try CSLSortKey(key)
                }
            case "layout": layout = child
            default: throw CSLError.unknownElement(child, in: element.name, known: ["sort", "layout"])
            }
        }
        guard let layout else { throw CSLError(element, "<\(element.name)> needs a <layout>") }
        self.layout = layout.attributes
        try CSLSchema.check(self.layout, of: layout, allowed: CSLSchema.affixes + CSLSchema.formatting + ["delimiter"])
        elements = try CSLElement.children(of: layout)
    }
}

/// A sort key: a variable or a macro, ascending or descending.
public struct CSLSortKey: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case variable(String), macro(String)
    }

    enum Order: String, CaseIterable {
        case ascending, descending
    }

    public var source: Source
    public var descending: Bool
    /// `names-min`, `names-use-first`, `names-use-last`, which override the et-al options of names in a macro key.
    public var nameOptions: [XMLAttribute]

    init(_ element: XMLElement) throws(CSLError) {
        try CSLSchema.check(element.attributes, of: element, allowed: ["variable", "macro", "sort", "names-min", "names-use-first", "names-use-last"])
        switch (element[attribute: "variable"], element[attribute: "macro"]) {
        case (let variable?, nil): source = .variable(variable)
        case (nil, let macro?): source = .macro(macro)
        default: throw CSLError(element, "a sort key names a variable or a macro, one of them")
        }
        descending = try CSLError.value("sort", of: element) == Order.descending
        nameOptions = element.attributes.filter { $0.name.hasPrefix("names-") }
    }
}

/// A rendering element of a layout or macro, its attributes checked against the schema and kept in order.
public indirect enum CSLElement: Sendable, Equatable {
    case text([XMLAttribute])
    case number([XMLAttribute])
    case label([XMLAttribute])
    /// `<names>`: its attributes and, in order, its `<name>`, `<et-al>`, `<label>` and `<substitute>`.
    case names([XMLAttribute], [CSLNamesPart])
    /// `<date>`: its attributes and its `<date-part>`s.
    case date([XMLAttribute], [CSLDatePart])
    case group([XMLAttribute], [CSLElement])
    /// `<choose>`: its `<if>`, `<else-if>`s and `<else>` in order; `<else>` has no conditions.
    case choose([CSLBranch])

    static func children(of element: XMLElement) throws(CSLError) -> [CSLElement] {
        try element.elements.map { child throws(CSLError) in try CSLElement(child) }
    }

    init(_ element: XMLElement) throws(CSLError) {
        let attributes = element.attributes
        switch element.name {
        case "text":
            try CSLSchema.check(attributes, of: element, allowed: ["variable", "macro", "term", "value", "form", "plural"] + CSLSchema.affixes + CSLSchema.formatting + ["display", "quotes", "strip-periods", "text-case"])
            let sources = ["variable", "macro", "term", "value"].filter { element[attribute: $0] != nil }
            guard sources.count == 1 else { throw CSLError(element, "<text> renders one of variable, macro, term or value") }
            guard element.elements.isEmpty else { throw CSLError(element, "<text> holds no elements") }
            self = .text(attributes)
        case "number":
            try CSLSchema.check(attributes, of: element, allowed: ["variable", "form"] + CSLSchema.affixes + CSLSchema.formatting + ["display", "text-case"])
            guard element[attribute: "variable"] != nil else { throw CSLError(element, "<number> needs a variable") }
            self = .number(attributes)
        case "label":
            try CSLSchema.check(attributes, of: element, allowed: ["variable", "form", "plural"] + CSLSchema.affixes + CSLSchema.formatting + ["strip-periods", "text-case"])
            self = .label(attributes)
        case "names":
            try CSLSchema.check(attributes, of: element, allowed: ["variable", "delimiter"] + CSLSchema.affixes + CSLSchema.formatting + ["display"])
            self = .names(attributes, try element.elements.map { child throws(CSLError) in try CSLNamesPart(child) })
        case "date":
            try CSLSchema.check(attributes, of: element, allowed: ["variable", "form", "date-parts", "delimiter"] + CSLSchema.affixes + CSLSchema.formatting + ["display", "text-case"])
            guard element[attribute: "variable"] != nil else { throw CSLError(element, "<date> needs a variable") }
            self = .date(attributes, try element.elements.map { part throws(CSLError) in
                guard part.name == "date-part" else { throw CSLError.unknownElement(part, in: "date", known: ["date-part"]) }
                return try CSLDatePart(part)
            })
        case "group":
            try CSLSchema.check(attributes, of: element, allowed: ["delimiter"] + CSLSchema.affixes + CSLSchema.formatting + ["display"])
            self = .group(attributes, try Self.children(of: element))
        case "choose":
            var branches: [CSLBranch] = []
            for (position, branch) in element.elements.enumerated() {
                let expected = position == 0 ? "if" : branch.name == "else" ? "else" : "else-if"
                guard branch.name == expected, !(branch.name == "else" && position != element.elements.count - 1) else {
                    throw CSLError(branch, "<choose> holds <if>, then any <else-if>, then at most one <else>, in that order")
                }
                branches.append(try CSLBranch(branch))
            }
            guard !branches.isEmpty else { throw CSLError(element, "<choose> needs an <if>") }
            self = .choose(branches)
        default:
            throw CSLError.unknownElement(element, in: "a layout", known: ["text", "number", "label", "names", "date", "group", "choose"])
        }
    }
}

/// A child of `<names>`.
public enum CSLNamesPart: Sendable, Equatable {
    /// `<name>`: its attributes and its `<name-part>`s' attributes.
    case name([XMLAttribute], [[XMLAttribute]])
    case etAl([XMLAttribute])
    case label([XMLAttribute])
    case substitute([CSLElement])

    init(_ element: XMLElement) throws(CSLError) {
        switch element.name {
        case "name":
            try CSLSchema.check(element.attributes, of: element, allowed: CSLSchema.nameOptions + ["form", "delimiter"] + CSLSchema.affixes + CSLSchema.formatting)
            self = .name(element.attributes, try element.elements.map { part throws(CSLError) in
                guard part.name == "name-part" else { throw CSLError.unknownElement(part, in: "name", known: ["name-part"]) }
                try CSLSchema.check(part.attributes, of: part, allowed: ["name"] + CSLSchema.affixes + CSLSchema.formatting + ["text-case"])
                return part.attributes
            })
        case "et-al":
            try CSLSchema.check(element.attributes, of: element, allowed: ["term"] + CSLSchema.formatting)
            self = .etAl(element.attributes)
        case "label":
            try CSLSchema.check(element.attributes, of: element, allowed: ["form", "plural"] + CSLSchema.affixes + CSLSchema.formatting + ["strip-periods", "text-case"])
            self = .label(element.attributes)
        case "substitute":
            self = .substitute(try CSLElement.children(of: element))
        default:
            throw CSLError.unknownElement(element, in: "names", known: ["name", "et-al", "label", "substitute"])
        }
    }
}

/// A branch of `<choose>`: its conditions (none for `<else>`), how they combine, and what it renders.
public struct CSLBranch: Sendable, Equatable {
    public enum Match: String, Sendable, CaseIterable {
        case all, any, none
    }

    /// A condition attribute (`type`, `variable`, `is-numeric`, `is-uncertain-date`, `locator`, `position`,
    /// `disambiguate`) with its space-separated values.
    public struct Condition: Sendable, Equatable {
        public var name: String
        public var values: [String]
    }

    /// Its conditions, read once from its attributes (a branch is tested for every item rendered).
    public let conditions: [Condition]
    public var match: Match
    public var attributes: [XMLAttribute]
    public var elements: [CSLElement]

    init(_ element: XMLElement) throws(CSLError) {
        attributes = element.attributes
        try CSLSchema.check(attributes, of: element, allowed: CSLSchema.conditions + ["match"])
        match = try CSLError.value("match", of: element) ?? .all
        if element.name == "else" {
            guard attributes.isEmpty else { throw CSLError(element, "<else> takes no conditions") }
        } else if attributes.allSatisfy({ $0.name == "match" }) {
            throw CSLError(element, "<\(element.name)> needs a condition: " + CSLError.list(CSLSchema.conditions))
        }
        elements = try CSLElement.children(of: element)
        conditions = attributes.filter { $0.name != "match" }.map { Condition(name: $0.name, values: $0.value.split(separator: " ").map(String.init)) }
    }
}

/// The attribute names the CSL 1.0.2 schema allows where, for the reader's checks.
enum CSLSchema {
    static let affixes = ["prefix", "suffix"]
    static let formatting = ["font-style", "font-variant", "font-weight", "text-decoration", "vertical-align"]
    /// The options of `<name>`, which a style, citation or bibliography may set for all its names.
    static let nameOptions = [
        "and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min", "et-al-use-first", "et-al-use-last",
        "et-al-subsequent-min", "et-al-subsequent-use-first", "initialize", "initialize-with", "name-as-sort-order",
        "sort-separator",
    ]
    /// The same options as a style, citation or bibliography sets them: with `name-form`, `name-delimiter` (a name's
    /// `form` and `delimiter`) and `names-delimiter` (a `<names>`'s `delimiter`).
    static let inheritableNameOptions = nameOptions + ["name-form", "name-delimiter", "names-delimiter"]
    static let styleOptions = ["initialize-with-hyphen", "page-range-format", "demote-non-dropping-particle"]
    static let citationOptions = [
        "disambiguate-add-names", "disambiguate-add-givenname", "givenname-disambiguation-rule", "disambiguate-add-year-suffix",
        "cite-group-delimiter", "collapse", "year-suffix-delimiter", "after-collapse-delimiter", "near-note-distance",
    ]
    static let bibliographyOptions = [
        "hanging-indent", "second-field-align", "line-spacing", "entry-spacing", "subsequent-author-substitute",
        "subsequent-author-substitute-rule",
    ]
    static let conditions = ["disambiguate", "is-numeric", "is-uncertain-date", "locator", "position", "type", "variable"]

    /// Refuses an attribute the schema does not allow on the element: with the allowed name nearest to it, or else
    /// every allowed one.
    /// A value the schema does not allow for an attribute of a closed set of values or a number (`font-style="italics"`,
    /// which would leave every italic out in silence; `et-al-min="twenty"`) is refused too.
    static func check(_ attributes: [XMLAttribute], of element: XMLElement, allowed: [String]) throws(CSLError) {
        for attribute in attributes {
            guard allowed.contains(attribute.name) else {
                throw CSLError(element, "unknown attribute '\(attribute.name)' on <\(element.name)>; "
                    + (nearest(attribute.name, in: allowed).map { "did you mean '\($0)'?" } ?? "expected " + CSLError.list(allowed)))
            }
            if let values = Self.values[attribute.name], !values.contains(attribute.value) {
                throw CSLError(element, "'\(attribute.value)' is no value of \(attribute.name) on <\(element.name)>; "
                    + (nearest(attribute.value, in: values).map { "did you mean '\($0)'?" } ?? "expected " + CSLError.list(values)))
            }
            // (Spaces around a count are read, as citeproc reads them: `et-al-use-first="3 "`.)
            if Self.counts.contains(attribute.name), case let count = attribute.value.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }),
                count.isEmpty || !count.allSatisfy({ $0.isASCII && $0.isNumber })
            {
                throw CSLError(element, "'\(attribute.value)' is no value of \(attribute.name) on <\(element.name)>; expected a whole number such as 3")
            }
        }
    }

    /// The attributes of a closed set of values, with their values (CSL 1.0.2).
    static let values: [String: [String]] = [
        "font-style": ["normal", "italic", "oblique"], "font-variant": ["normal", "small-caps"], "font-weight": ["normal", "bold", "light"],
        "text-decoration": ["none", "underline"], "vertical-align": ["baseline", "sup", "sub"],
        "text-case": ["lowercase", "uppercase", "capitalize-first", "capitalize-all", "sentence", "title"],
    ]
    /// The attributes whose value is a count.
    static let counts: Set = ["et-al-min", "et-al-use-first", "et-al-subsequent-min", "et-al-subsequent-use-first", "line-spacing", "entry-spacing", "near-note-distance"]

    /// Refuses a variable, term, item type, position or locator an element names that CSL does not know (it would
    /// print nothing, or never match, in silence): with the known name nearest to it. A term the style's own locales
    /// define (`ownTerms`) is known.
    static func checkNames(_ element: XMLElement, ownTerms: Set<String>) throws(CSLError) {
        for attribute in element.attributes {
            // What the attribute names, and the names CSL has of it; a list of names is separated by spaces.
            let what: String, known: Set<String>, names: [Substring]
            switch (element.name, attribute.name) {
            case ("text", "variable"), ("number", "variable"), ("label", "variable"), ("names", "variable"), ("date", "variable"),
                 ("key", "variable"), ("if", "variable"), ("else-if", "variable"), ("if", "is-numeric"), ("else-if", "is-numeric"),
                 ("if", "is-uncertain-date"), ("else-if", "is-uncertain-date"):
                (what, known, names) = ("variable", CSLVocabulary.variables, attribute.value.split(separator: " "))
            case ("text", "term"), ("et-al", "term"):
                // (An ordinal's term is one of a pattern: ``CSLVocabulary/isTerm(_:)``.)
                guard !CSLVocabulary.isTerm(attribute.value) else { continue }
                (what, known, names) = ("term", CSLVocabulary.terms.union(ownTerms), [Substring(attribute.value)])
            case ("if", "type"), ("else-if", "type"):
                (what, known, names) = ("item type", CSLVocabulary.itemTypes, attribute.value.split(separator: " "))
            case ("if", "position"), ("else-if", "position"):
                (what, known, names) = ("position", CSLVocabulary.positions, attribute.value.split(separator: " "))
            case ("if", "locator"), ("else-if", "locator"):
                // (`sub verbo`, CSL 1.0.1's name, is two words here.)
                (what, known, names) = ("locator", CSLVocabulary.locatorTerms, attribute.value.replacing("sub verbo", with: "sub-verbo").split(separator: " "))
            default:
                continue
            }
            if let name = names.first(where: { !known.contains(String($0)) }) {
                throw CSLError(element, "'\(name)' is not a CSL \(what) (\(attribute.name) on <\(element.name)>)"
                    + (nearest(String(name), in: known.sorted()).map { "; did you mean '\($0)'?" } ?? ""))
            }
        }
    }

    /// The known name nearest to a misspelt one, if one is close (at most a third of its letters differ).
    static func nearest(_ name: String, in known: some Sequence<String>) -> String? {
        let best = known.map { ($0, distance(Array(name), Array($0))) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let best, best.1 <= max(1, name.count / 3) else { return nil }
        return best.0
    }

    private static func distance(_ left: [Character], _ right: [Character]) -> Int {
        var previous = Array(0...right.count)
        for (i, a) in left.enumerated() {
            var current = [i + 1]
            for (j, b) in right.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1)))
            }
            previous = current
        }
        return previous[right.count]
    }
}
