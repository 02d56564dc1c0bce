/// `<names>`: name lists with their options (CSL 1.0.2, "Names"), labels, et-al, and substitution.
extension CSLRenderer {
    /// A `<names>`; the first that prints in a cite is its author, kept in `author` and left out when the cite
    /// suppresses its author.
    mutating func names(_ attributes: [XMLAttribute], _ parts: [CSLNamesPart]) -> Rendered {
        guard !authorFound else { return namesBody(attributes, parts) }
        authorFound = true
        let suppressedBefore = suppressed
        authorIdentity = ""
        // The author's name lists, recorded when a cite's grouping or disambiguation reads them.
        let capturing = comparesAuthors || printedNameLists != nil
        let recorded = printedNameLists
        // Whether the names are the element's own, not a substitute's.
        let ownNames = !comparesAuthors || Self.variables(attributes).contains { variable in
            !suppressed.contains(variable) && item.names[variable]?.isEmpty == false
        }
        if capturing { printedNameLists = [] }
        // Only subsequent-author-substitute compares them.
        authorNameList = []
        collectsAuthorNames = options["subsequent-author-substitute"] != nil
        let rendered = namesBody(attributes, parts)
        collectsAuthorNames = false
        let lists = capturing ? printedNameLists ?? [] : []
        if capturing { printedNameLists = recorded.map { $0 + lists } }
        guard !rendered.isEmpty else {
            // A <names> whose substitute prints nothing either is still the entry's author for
            // subsequent-author-substitute, an empty one, as pandoc's citeproc tags it: the second of two such entries
            // in a row prints the substitute (biblatex's `set` entries: "——. n.d.-b"), which no more makes a group
            // print than the empty names did (MLA's entry of nothing stays empty).
            if options["subsequent-author-substitute"] != nil,
               parts.contains(where: { if case .substitute(let elements) = $0 { !elements.isEmpty } else { false } }) {
                author = []
                if let substitute = authorSubstitute, !substitute.isEmpty {
                    return Rendered(texts: [.text(substitute)], calledVariable: rendered.calledVariable, printedVariable: false)
                }
                return rendered
            }
            authorFound = false
            return rendered
        }
        author = rendered.texts
        // Names a substitute printed with the style's `names-delimiter` (APA) are compared as printed, as pandoc's
        // citeproc compares them (it tags the substitute's output, not the names).
        if comparesAuthors {
            authorPeople = !ownNames && options["names-delimiter"] != nil ? [] : lists
        }
        if let substitute = authorSubstitute {
            // The substitute stands for the names, which print again with it in their place (their label stays);
            // where a substitute's text stood for the author, it stands for the whole.
            suppressed = suppressedBefore
            replacingNames = true
            replacedNames = false
            let replaced = namesBody(attributes, parts)
            replacingNames = false
            if replacedNames { return replaced }
            return substitute.isEmpty ? Rendered() : Rendered(texts: [.text(substitute)], calledVariable: true, printedVariable: true)
        }
        return suppressAuthor ? Rendered() : rendered
    }

    /// What one element of a `<substitute>` prints. A `<choose>` there prints the first element of its branch that
    /// prints anything, as pandoc's citeproc reads it, every element of the branch rendered all the same (so each
    /// variable they hold is left out after it): `<if type="chapter"><names variable="editor"/><names
    /// variable="translator"/></if>` stands in with the editors alone.
    private mutating func substitution(_ element: CSLElement) -> Rendered {
        guard case .choose = element else { return render(element) }
        var first = Rendered()
        for inner in flattened([element]) {
            let rendered = render(inner)
            if first.isEmpty { first = rendered }
        }
        return first
    }

    private mutating func namesBody(_ attributes: [XMLAttribute], _ parts: [CSLNamesPart]) -> Rendered {
        if parts.isEmpty, let (outerAttributes, outerParts) = substitutedNames {
            substitutedNames = nil
            defer { substitutedNames = (outerAttributes, outerParts) }
            return namesBody(outerAttributes + attributes, outerParts)
        }
        if let (_, outerParts) = substitutedNames, !parts.contains(where: { if case .label = $0 { true } else { false } }),
           let label = outerParts.first(where: { if case .label = $0 { true } else { false } }) {
            // A <names> in a substitute without a label of its own takes the one of the <names> it stands in for
            // (as pandoc prints it: IEEE's director, "Dir.").
            return namesBody(attributes, parts + [label])
        }
        let variables = Self.variables(attributes)
        var lists = variables.compactMap { variable -> (String, [CSLName])? in
            guard !suppressed.contains(variable), let names = item.names[variable], !names.isEmpty else { return nil }
            return (variable, names)
        }
        if lists.isEmpty {
            guard let substitute = parts.lazy.compactMap({ if case .substitute(let elements) = $0 { elements } else { nil } }).first else {
                return .missingVariable
            }
            for element in substitute {
                // A bare <names> in <substitute> (or in a choice within it) takes the delimiter, <name>, <et-al>
                // and <label> of the <names> it stands in for; that one's affixes and formatting go around whatever
                // the substitute prints (as pandoc prints it: Anglia Ruskin's `<names suffix=",">` and its "Anon.").
                let wasSubstituting = substituting, before = suppressed, outer = substitutedNames
                substituting = true
                substitutedNames = (attributes.filter { $0.name == "delimiter" }, parts.filter { if case .substitute = $0 { false } else { true } })
                let rendered = substitution(element)
                substituting = wasSubstituting
                substitutedNames = outer
                // Only what a substitute printed is suppressed after it.
                if rendered.isEmpty { suppressed = before }
                if !rendered.isEmpty {
                    return decorate(Rendered(texts: rendered.texts, calledVariable: true, printedVariable: true), attributes)
                }
            }
            return .missingVariable
        }
        // Editors who are also the translators print once, as "editortranslator".
        // (Not when the locale's "editortranslator" term is empty: then each prints with its own label.)
        if let editors = lists.firstIndex(where: { $0.0 == "editor" }), let translators = lists.firstIndex(where: { $0.0 == "translator" }),
           lists[editors].1 == lists[translators].1, locales.term("editortranslator")?.isEmpty == false {
            lists[editors].0 = "editortranslator"
            lists.remove(at: translators)
        }
        var nameAttributes = sortKey == nil ? options.nameAttributes : options.sortKeyNameAttributes
        var etAl: [XMLAttribute]?
        var label: [XMLAttribute]?
        var labelFirst = false
        var nameParts: [[XMLAttribute]] = []
        var sawName = false
        for part in parts {
            switch part {
            case .name(let own, let partAttributes):
                nameAttributes = nameAttributes.filter { attribute in !own.contains { $0.name == attribute.name } } + own
                nameParts = partAttributes
                sawName = true
            case .etAl(let own): etAl = own
            case .label(let own):
                label = own
                labelFirst = !sawName
            case .substitute: break
            }
        }
        if let sortKey {
            nameAttributes = nameAttributes.filter { $0.name != "name-as-sort-order" } + [XMLAttribute(name: "name-as-sort-order", value: "all")]
            for (option, name) in [("names-min", "et-al-min"), ("names-use-first", "et-al-use-first"), ("names-use-last", "et-al-use-last")] {
                if let value = sortKey[option] { nameAttributes = nameAttributes.filter { $0.name != name } + [XMLAttribute(name: name, value: value)] }
            }
        }
        if nameAttributes["form"] == "count" {
            let count = lists.reduce(0) { $0 + shownCount($1.1, nameAttributes) }
            return Rendered.variable(count > 0 ? [.text(String(count))] : [])
        }
        var rendered: [[CSLText]] = []
        for (index, (variable, names)) in lists.enumerated() {
            // Subsequent-author-substitute compares the first list's names and replaces them, as pandoc's citeproc
            // does; an editor printed beside the author stays.
            if collectsAuthorNames, !replacingNames, index == 0 { authorNameList = names }
            let replacing = replacingNames && index == 0
            if replacing { replacedNames = true }
            var texts: [CSLText]
            if replacing, let count = authorSubstituteCount {
                texts = nameList(names, nameAttributes, nameParts, etAl: etAl, substitutingFirst: count)
            } else {
                texts = nameList(names, nameAttributes, nameParts, etAl: etAl, substitutingAll: replacing)
            }
            if comparesAuthors, sortKey == nil, !replacingNames {
                // The names shown; all of them when they stand in a substitute and the style sets `names-delimiter`
                // (APA), where pandoc's citeproc compares every name.
                let compared = substituting && options["names-delimiter"] != nil ? names.count : shownCount(names, nameAttributes)
                // An editor is not the same author as an author of the same name (pandoc's citeproc compares variables).
                authorIdentity += variable
                authorIdentity += "\u{1C}"
                for name in names.prefix(compared) {
                    authorIdentity += [name.family, name.given, name.nonDroppingParticle, name.droppingParticle, name.suffix, name.literal].map { $0 ?? "" }.joined(separator: "\u{1F}") + "\u{1E}"
                }
            }
            if sortKey == nil, !replacingNames, !texts.isEmpty { printedNameLists?.append(CSLNameList(variable: variable, names: names)) }
            // Read only by subsequent-author-substitute.
            if !authorFound || authorNames == nil, options["subsequent-author-substitute"] != nil {
                authorNames = (authorNames ?? "") + texts.map(\.plain).joined()
            }
            // Sort keys leave labels out.
            if let label, sortKey == nil {
                let term = self.label(label, variable: variable, count: names.count)
                let labelTexts = decorate(term, label, localeText: .label).texts
                texts = labelFirst ? labelTexts + texts : texts + labelTexts
            }
            rendered.append(texts)
        }
        let delimiter = attributes["delimiter"] ?? options["names-delimiter"]
        // A variable a substitute prints is printed once: later calls within the substitute print nothing.
        if substituting { suppressed.formUnion(lists.map(\.0)) }
        return decorate(.variable(join(rendered, delimiter)), attributes)
    }

    private var subsequent: Bool { context.cite != nil && context.position != .first }

    /// The variables a `<names>` names, in order: most name one, which is not split.
    private static func variables(_ attributes: [XMLAttribute]) -> [String] {
        let variable = attributes["variable"] ?? ""
        guard variable.utf8.contains(UInt8(ascii: " ")) else { return variable.isEmpty ? [] : [variable] }
        return variable.split(separator: " ").map(String.init)
    }

    /// How far disambiguation expands the given name of a name at this place in its list (0: as the style prints it).
    private func givenLevel(_ name: CSLName, at index: Int) -> Int {
        guard !context.givenNames.isEmpty, let hint = context.givenNames[CSLProcessor.nameKey(name, primary: true, rule: "all-names")],
            !hint.firstOnly || index == 0
        else { return 0 }
        return hint.level
    }

    /// How many names of a list print before "et al.".
    private func shownCount(_ names: [CSLName], _ attributes: [XMLAttribute]) -> Int {
        var minimum = Int(attributes["et-al-min"] ?? "") ?? 0
        var useFirst = Int(attributes["et-al-use-first"] ?? "") ?? 0
        if subsequent {
            minimum = Int(attributes["et-al-subsequent-min"] ?? "") ?? minimum
            useFirst = Int(attributes["et-al-subsequent-use-first"] ?? "") ?? useFirst
        }
        let shown = max(useFirst, context.leastNames ?? 0)
        guard minimum > 0, attributes["et-al-use-first"] != nil || subsequent && attributes["et-al-subsequent-use-first"] != nil,
              names.count >= minimum, shown < names.count else { return names.count }
        return shown
    }

    /// - Parameter substitutingFirst: how many of the first names print as ``authorSubstitute`` (each on its own).
    private func nameList(
        _ names: [CSLName], _ attributes: [XMLAttribute], _ parts: [[XMLAttribute]], etAl: [XMLAttribute]?, substitutingFirst: Int = 0,
        substitutingAll: Bool = false
    ) -> [CSLText] {
        var names = names
        // A last name "others" (BibTeX's "and others") stands for the names not given where the style shortens lists
        // (it has `et-al-min`): it counts towards the et-al options, and the list ends in "et al.". Elsewhere it is a
        // name like any other ("Westendorp, and others"), as pandoc's citeproc prints it.
        let shortens = attributes["et-al-min"] != nil || subsequent && attributes["et-al-subsequent-min"] != nil
        let others = shortens && names.count > 1 && names.last.map { ($0.literal ?? $0.family) == "others" && $0.given == nil } == true
        let shown = min(shownCount(names, attributes), names.count - (others ? 1 : 0))
        if others { names.removeLast() }
        // et-al-use-first="0": a list long enough to be cut prints nothing.
        guard shown > 0 else { return [] }
        let truncated = shown < names.count || others
        // A sort key runs its names together (as pandoc's citeproc does): "Smith, AB" sorts before "Smith, A" with a
        // second author, "Smith, AJones, Q".
        let delimiter = sortKey == nil ? attributes["delimiter"] ?? ", " : ""
        let sortOrder = attributes["name-as-sort-order"]
        // A name inverts when it has more than its family name: a given name, a suffix, or a particle ("Berg, van der";
        // a dropping one without a given name, "Zola, Émile", as pandoc's citeproc prints it).
        let inverted = names.indices.map { index in
            (sortOrder == "all" || (sortOrder == "first" && index == 0)) && names[index].literal == nil
                && (names[index].given?.isEmpty == false || names[index].suffix?.isEmpty == false
                    || names[index].droppingParticle?.isEmpty == false || names[index].parsingParticles().nonDroppingParticle != nil)
        }
        let styles = CSLStyling.from(attributes)
        // The <name>'s affixes go around each name, as pandoc's citeproc prints them: "(Doe J), (Roe R), and (Poe P)".
        let affixes = (attributes["prefix"].map { [CSLText.text($0)] } ?? [], attributes["suffix"].map { [CSLText.text($0)] } ?? [])
        func styled(_ texts: [CSLText]) -> [CSLText] {
            let texts = styles.reversed().reduce(texts) { [.styled($1, $0)] }
            return affixes.0.isEmpty && affixes.1.isEmpty ? texts : CSLPunctuation.merge([affixes.0, texts, affixes.1])
        }
        // The substitute for the whole list stands where its names, their delimiters and "and" would; "et al." stays
        // after it (pandoc's citeproc takes the names out and keeps the rest: MLA's "———, et al.").
        func substitute() -> [CSLText] { authorSubstitute.map { $0.isEmpty ? [] : [.text($0)] } ?? [] }
        if substitutingAll, !truncated { return substitute() }
        var pieces = substitutingAll ? [] : names.prefix(shown).enumerated().map { index, name in
            index < substitutingFirst ? [.text(authorSubstitute ?? "")] : styled(formatName(name, attributes, parts, inverted: inverted[index], level: givenLevel(name, at: index)))
        }
        if truncated && attributes["et-al-use-last"] == "true" && shown + 2 <= names.count {
            if substitutingAll { return substitute() + [.text(delimiter + "… ")] }
            let last = styled(formatName(names[names.count - 1], attributes, parts, inverted: inverted[names.count - 1], level: givenLevel(names[names.count - 1], at: names.count - 1)))
            return sortKey == nil ? join(pieces, delimiter) + [.text(delimiter + "… ")] + last : join(pieces + [last], delimiter)
        }
        var texts: [CSLText] = []
        // Sort keys have no "and", so that it does not sort before a second name.
        let and: String? = switch sortKey == nil ? attributes["and"] : nil {
        case "text": locales.term("and") ?? "and"
        case "symbol": "&"
        default: nil
        }
        if truncated {
            texts = substitutingAll ? substitute() : join(pieces, delimiter)
            // A sort key has no "et al." (as in pandoc's citeproc): "Smith" with others sorts as "Smith" alone.
            guard sortKey == nil else { return texts }
            let term = locales.term(etAl?["term"] ?? "et-al") ?? "et al."
            guard !term.isEmpty else { return texts }
            let precedes = delimiterPrecedes(attributes["delimiter-precedes-et-al"], contextual: shown >= 2, afterInverted: sortOrder == "all" || sortOrder == "first" && shown < 2)
            var termTexts: [CSLText] = [.text(term)]
            for styling in CSLStyling.from(etAl ?? []).reversed() { termTexts = [.styled(styling, termTexts)] }
            return CSLPunctuation.merge([texts, [.text(precedes ? delimiter : " ")], termTexts])
        }
        guard let and, pieces.count > 1 else { return join(pieces, delimiter) }
        let last = pieces.removeLast()
        texts = join(pieces, delimiter)
        let precedes = delimiterPrecedes(attributes["delimiter-precedes-last"], contextual: names.count >= 3, afterInverted: sortOrder == "all" || sortOrder == "first" && names.count < 3)
        return CSLPunctuation.merge([texts, [.text(precedes ? delimiter + and + " " : " " + and + " ")], last])
    }

    /// Whether the delimiter goes before "and" or "et al." (`delimiter-precedes-last`, `delimiter-precedes-et-al`).
    /// "after-inverted-name" goes by the place of the name before, where `name-as-sort-order` would invert a name, as
    /// pandoc's citeproc reads it: an organisation's name there takes the delimiter too ("Trang T. Le, and others").
    private func delimiterPrecedes(_ rule: String?, contextual: Bool, afterInverted: Bool) -> Bool {
        switch rule ?? "contextual" {
        case "always": true
        case "never": false
        case "after-inverted-name": afterInverted
        default: contextual
        }
    }

    /// One name in the form and order the options ask for, its given name expanded as disambiguation asks: at
    /// `level` 1 a short name prints its given name (as initials if the style initializes), at 2 in full.
    private func formatName(_ name: CSLName, _ attributes: [XMLAttribute], _ parts: [[XMLAttribute]], inverted: Bool, level: Int = 0) -> [CSLText] {
        var attributes = attributes
        if let shortNames, !shortNames.printed, attributes["form"] == "short" { shortNames.printed = true }
        if level > 0, attributes["form"] == "short" { attributes.removeAll { $0.name == "form" } }
        if level > 1 { attributes = attributes.filter { $0.name != "initialize" } + [XMLAttribute(name: "initialize", value: "false")] }
        let name = name.parsingParticles()
        let familyPart = parts.first { $0["name"] == "family" } ?? []
        let givenPart = parts.first { $0["name"] == "given" } ?? []
        if let literal = name.literal {
            return decoratePart(nameText(literal), familyPart)
        }
        // "sort-only" demotes the particle in sort keys only.
        let demote = sortKey != nil && options["demote-non-dropping-particle"] == "sort-only"
            ? "display-and-sort" : options["demote-non-dropping-particle"] ?? "display-and-sort"
        if name.given?.isEmpty != false, name.suffix?.isEmpty != false, name.droppingParticle?.isEmpty != false, let family = name.family {
            // A family name alone keeps its particle before it ("van Brown", "d'Alembert"), or after it where the name
            // is inverted and the particle demoted, as pandoc's citeproc prints it: "Brown, van", "Alembert, d'".
            // (With a suffix it is printed below: "Lee, Sr" inverted, "Lee Sr" not.)
            guard let particle = name.nonDroppingParticle else { return decoratePart(nameText(family), familyPart) }
            if inverted, demote == "display-and-sort", CSLNames.isRomanesque(family) {
                return decoratePart(nameText(family + (attributes["sort-separator"] ?? ", ") + particle), familyPart)
            }
            let joined = particle.last == "'" || particle.last == "’" || particle.last == "-" ? particle : particle + " "
            return decoratePart(nameText(joined + family), familyPart)
        }
        if name.family?.isEmpty != false {
            return decoratePart(nameText(name.given ?? ""), givenPart)
        }
        let family = name.family ?? ""
        let romanesque = CSLNames.isRomanesque(family + (name.given ?? ""))
        var given = name.given ?? ""
        if romanesque, let initialize = attributes["initialize-with"] {
            given = CSLNames.initials(given, with: initialize, initialize: attributes["initialize"] != "false",
                                      hyphen: options["initialize-with-hyphen"] != "false")
        }
        let nonDropping = name.nonDroppingParticle ?? ""
        let dropping = name.droppingParticle ?? ""
        // A name-part's formatting and text case go on each of its words: the family name and the non-dropping
        // particle for the family part, the given name and the dropping particle for the given part; its affixes go
        // around its block, which for the family name holds the particles and, not inverted, the suffix.
        let familyStyle = familyPart.filter { $0.name != "prefix" && $0.name != "suffix" }
        let givenStyle = givenPart.filter { $0.name != "prefix" && $0.name != "suffix" }
        func styled(_ text: String, _ style: [XMLAttribute]) -> [CSLText] { text.isEmpty ? [] : decoratePart(nameText(text), style) }
        func affixed(_ texts: [CSLText], _ part: [XMLAttribute]) -> [CSLText] {
            texts.isEmpty ? [] : CSLPunctuation.merge([[.text(part["prefix"] ?? "")], texts, [.text(part["suffix"] ?? "")]])
        }
        func spaced(_ pieces: [CSLText]...) -> [CSLText] {
            pieces.filter { !$0.isEmpty }.reduce(into: []) { joined, piece in
                // No space after a part that ends in one already (a no-break space in an affix).
                if let last = CSLPunctuation.lastCharacter(joined), !last.isWhitespace { joined.append(.text(" ")) }
                joined += piece
            }
        }
        /// A particle before a word, tight after an apostrophe or hyphen ("d’Aubignac").
        func withParticle(_ particle: [CSLText], _ word: [CSLText]) -> [CSLText] {
            guard let last = CSLPunctuation.lastCharacter(particle) else { return word }
            return particle + ("'’-".contains(last) ? [] : [.text(" ")]) + word
        }
        let familyWords = withParticle(styled(nonDropping, familyStyle), styled(family, familyStyle))
        if attributes["form"] == "short" || given.isEmpty && name.suffix == nil && dropping.isEmpty {
            return affixed(familyWords, familyPart)
        }
        if !romanesque {
            return decoratePart([.text(family)], familyPart) + decoratePart([.text(given)], givenPart)
        }
        let suffix = name.suffix ?? ""
        let separator = attributes["sort-separator"] ?? ", "
        if inverted || name.staticOrdering {
            let familyBlock: [CSLText], givenBlock: [CSLText]
            if demote == "display-and-sort" {
                familyBlock = affixed(styled(family, familyStyle), familyPart)
                givenBlock = affixed(spaced(styled(given, givenStyle), styled(dropping, givenStyle), styled(nonDropping, familyStyle)), givenPart)
            } else {
                familyBlock = affixed(familyWords, familyPart)
                givenBlock = affixed(spaced(styled(given, givenStyle), styled(dropping, givenStyle)), givenPart)
            }
            var texts = familyBlock
            if !givenBlock.isEmpty { texts += [.text(separator)] + givenBlock }
            if !suffix.isEmpty { texts += [.text(separator)] + nameText(suffix) }
            return texts
        }
        // Not inverted: the dropping particle (in the given name's style) goes before the family name, tight after an
        // apostrophe ("d’Aubignac"), inside the family block.
        var familyInner = withParticle(styled(dropping, givenStyle), familyWords)
        if !suffix.isEmpty { familyInner += [.text(name.commaSuffix ? ", " : " ")] + nameText(suffix) }
        return spaced(affixed(styled(given, givenStyle), givenPart), affixed(familyInner, familyPart))
    }

    /// A part of a name as it prints: text where the item's names are (``CSLItem/namesAreText``), else rich text.
    private func nameText(_ text: String) -> [CSLText] {
        item.namesAreText ? [.text(CSLMarkup.nameText(text))] : markup(text)
    }

    private func decoratePart(_ texts: [CSLText], _ attributes: [XMLAttribute]) -> [CSLText] {
        attributes.isEmpty ? texts : decorate(Rendered(texts: texts), attributes).texts
    }
}

enum CSLNames {
    /// Whether a name is written in a script whose names take spaces and initials (Latin, Greek, Cyrillic…), not
    /// Chinese, Japanese or Korean, whose family and given names print together.
    static func isRomanesque(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            (0x3040...0x30FF).contains(scalar.value) || (0x3400...0x9FFF).contains(scalar.value) || (0xAC00...0xD7AF).contains(scalar.value)
                || (0xF900...0xFAFF).contains(scalar.value) || (0x1100...0x11FF).contains(scalar.value)
        }
    }

    /// Given names as initials: "John Robert" with "." gives "J.R.". A part already abbreviated ("Ph.", "M.") or a
    /// single letter is kept and takes the mark; with `initialize` false, other names stay whole. A hyphenated name
    /// keeps its hyphen ("J.-P.") unless `hyphen` is false.
    static func initials(_ given: String, with mark: String, initialize: Bool, hyphen: Bool) -> String {
        if let initials = asciiInitials(given, with: mark, initialize: initialize, hyphen: hyphen) { return initials }
        return characterInitials(given, with: mark, initialize: initialize, hyphen: hyphen)
    }

    /// ``initials(_:with:initialize:hyphen:)`` by characters: the rule itself.
    static func characterInitials(_ given: String, with mark: String, initialize: Bool, hyphen: Bool) -> String {
        var tokens: [(word: String, abbreviated: Bool)] = []
        var current = ""
        for character in given {
            if character == "." || character == " " {
                if !current.isEmpty { tokens.append((current, character == ".")) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append((current, false)) }
        let tight = mark.trimmingTrailingSpaces
        /// A name as initials: "Jean-Luc" gives two initials, "Li-wei" one (a lowercase part after a hyphen gives none).
        func initials(_ word: Substring) -> String {
            let parts = word.split(separator: "-")
            // A word that starts with a hyphen ("-Pierre", or "-Chen" after "I.") starts with a part after a hyphen.
            let leadingHyphen = word.first == "-"
            let segments = parts.enumerated().compactMap { index, part -> String? in
                guard let first = part.first, index == 0 && !leadingHyphen || first.isUppercase else { return nil }
                // A name that starts with two capitals keeps both ("TSerendorjiin" gives "Ts.").
                let letters = Array(part)
                if letters.count > 2, letters[1].isUppercase, letters[2].isLowercase { return String(first).uppercased() + letters[1].lowercased() + tight }
                return String(first).uppercased() + tight
            }
            // A part after a hyphen that starts the word keeps the hyphen ("I.-Chen" is "I.-C.", "-Pierre" "-P."), and
            // a hyphen that ends it is an initial of its own, with the mark ("Jean-" is "J.-.", "J-" with no mark),
            // as pandoc's citeproc prints them.
            let lead = hyphen && leadingHyphen && parts.first?.first?.isUppercase == true ? "-" : ""
            let trailing = word.last == "-" ? "-" + mark : ""
            return lead + segments.joined(separator: hyphen ? "-" : "") + (mark.hasSuffix(" ") ? " " : "") + trailing
        }
        var result = ""
        for (word, abbreviated) in tokens {
            if abbreviated, initialize, word.first?.isLowercase != true, let last = word.lastIndex(of: "-"), last != word.startIndex {
                // "Hans-J.": the names before the last hyphen as initials, the abbreviation after it as written.
                result += initials(word[..<last]) + word[last...] + mark
            } else if abbreviated || word.count == 1 {
                result += word + mark
            } else if initialize, let first = word.first, !first.isUppercase, !first.isLowercase, first != "-" {
                // A word that starts with no letter of a case ("(Chuck)", "2nd", a Hebrew or Arabic name) is kept whole up to a
                // hyphen, with the mark, and each part after a hyphen that starts with a capital is its initial, any other
                // left out, as pandoc's citeproc prints them ("2023-05-08" is "2023.", "2x-Luc" "2x.-L.").
                let head = word.prefix { $0 != "-" }
                result += head + mark
                for part in word[head.endIndex...].split(separator: "-") {
                    guard let first = part.first, first.isUppercase else { continue }
                    result += (hyphen ? "-" : "") + String(first) + mark
                }
            } else if initialize && word.first?.isLowercase != true {
                result += initials(word[...])
            } else if initialize, !word.allSatisfy(\.isLowercase) {
                // A word that starts with a small letter and has other characters, as pandoc's citeproc initializes
                // it: up to a hyphen it stands whole between spaces if it is all small letters ("jean"), else it is
                // kept and takes the mark ("d’arc."); each part after a hyphen that starts with a capital is its
                // initial ("-L."), any other is left out, so "jean-luc" is "jean" and "jean-Luc" "jean-L.".
                let head = word.prefix { $0 != "-" }
                if head.allSatisfy(\.isLowercase) {
                    if !result.isEmpty && !result.hasSuffix(" ") { result += " " }
                    result += head + " "
                } else {
                    result += head + mark
                }
                for part in word[head.endIndex...].split(separator: "-") {
                    guard let first = part.first, first.isUppercase else { continue }
                    result += (hyphen ? "-" : "") + String(first) + mark
                }
                // A hyphen that ends the word is kept, with the mark ("jean-.").
                if word.last == "-" { result += "-" + mark }
            } else if word.count > 1, word.last == "-" {
                // A name not initialized keeps a hyphen that ends it as an initial of its own, with the mark ("Jean-" is
                // "Jean-." with "."), as pandoc's citeproc prints it.
                if !result.isEmpty && !result.hasSuffix(" ") { result += " " }
                result += word + mark
            } else {
                // A name not initialized, or a lowercase particle ("de"), stands whole between spaces.
                if !result.isEmpty && !result.hasSuffix(" ") { result += " " }
                result += word + " "
            }
        }
        // A part after a hyphen joins the initial before it: "J.-P." stays "J.-P.", not "J. -P.".
        return result.trimmingTrailingSpaces.replacing(" -", with: "-")
    }

    /// ``initials(_:with:initialize:hyphen:)`` a byte at a time, for a name and mark of printable ASCII (nil for
    /// any other): the same rule, where a character is a byte (most names of a bibliography).
    static func asciiInitials(_ given: String, with mark: String, initialize: Bool, hyphen: Bool) -> String? {
        func printable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }
        guard given.utf8.allSatisfy(printable), mark.utf8.allSatisfy(printable) else { return nil }
        // An abbreviation after a hyphen ("Hans-J.") is the rule by characters' alone, and so is a hyphen that starts or
        // ends a word ("-Pierre", "Jean-").
        guard !initialize || !given.utf8.contains(UInt8(ascii: "-")) || !given.utf8.contains(UInt8(ascii: ".")) else { return nil }
        if given.utf8.contains(UInt8(ascii: "-")) {
            let bytes = Array(given.utf8), edges: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: ".")]
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "-") {
                if index == 0 || index == bytes.count - 1 || edges.contains(bytes[index - 1]) || edges.contains(bytes[index + 1]) { return nil }
            }
        }
        func isLowercase(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }
        // So is a hyphenated word that starts with no letter ("2x-Luc", "16:45:29-0400").
        if initialize, given.utf8.contains(UInt8(ascii: "-")) {
            for word in given.utf8.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ".") })
            where !isLetter(word[word.startIndex]) && word.contains(UInt8(ascii: "-")) {
                return nil
            }
        }
        // So is a word that starts with a small letter and has other characters ("jean-luc", "d'arc").
        if initialize {
            var wordStart = true, lowercaseWord = false
            for byte in given.utf8 {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") {
                    wordStart = true
                    lowercaseWord = false
                    continue
                }
                if wordStart { lowercaseWord = isLowercase(byte) } else if lowercaseWord, !isLowercase(byte) { return nil }
                wordStart = false
            }
        }
        func isUppercase(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
        let mark = Array(mark.utf8)
        let tight = mark.reversed().drop { $0 == UInt8(ascii: " ") }.reversed()
        let spaced = mark.last == UInt8(ascii: " ")
        let space = UInt8(ascii: " "), hyphenByte = UInt8(ascii: "-")
        var result: [UInt8] = []
        var given = given
        given.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "."), bytes[end] != space { end += 1 }
                defer { start = end + 1 }
                guard end > start else { continue }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let abbreviated = end < bytes.count && bytes[end] == UInt8(ascii: ".")
                if abbreviated || word.count == 1 || initialize && !isLowercase(word[0]) && !isUppercase(word[0]) && word[0] != hyphenByte {
                    result += word
                    result += mark
                } else if initialize && !isLowercase(word[0]) {
                    // "Jean-Luc" gives two initials, "Li-wei" one: a lowercase part after a hyphen gives none.
                    var segments = 0
                    for (index, part) in word.split(separator: hyphenByte).enumerated() {
                        let first = part[part.startIndex]
                        guard index == 0 || isUppercase(first) else { continue }
                        if segments > 0, hyphen { result.append(hyphenByte) }
                        segments += 1
                        result.append(isLowercase(first) ? first - 0x20 : first)
                        // A name that starts with two capitals keeps both ("TSerendorjiin" gives "Ts.").
                        let second = part.index(after: part.startIndex)
                        if part.count > 2, isUppercase(part[second]), isLowercase(part[part.index(after: second)]) { result.append(part[second] | 0x20) }
                        result += tight
                    }
                    if spaced { result.append(space) }
                } else {
                    // A name not initialized, or a lowercase particle ("de"), stands whole between spaces.
                    if !result.isEmpty && result.last != space { result.append(space) }
                    result += word
                    result.append(space)
                }
            }
        }
        while result.last == space { result.removeLast() }
        // A part after a hyphen joins the initial before it: "J.-P." stays "J.-P.", not "J. -P.".
        let text = String(decoding: result, as: UTF8.self)
        return result.contains(hyphenByte) ? text.replacing(" -", with: "-") : text
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        guard utf8.last == UInt8(ascii: " ") else { return self }
        return String(reversed().drop { $0 == " " }.reversed())
    }
}
