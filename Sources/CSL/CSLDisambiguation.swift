/// Disambiguation (CSL 1.0.2, "Disambiguation"): cites of different items that print the same are told apart by
/// showing more names, then given names, then a year suffix, then the `disambiguate` condition, each as far as
/// the citation's options allow.
extension CSLProcessor {
    /// What disambiguation decided for an item.
    struct Disambiguation: Equatable {
        /// The names shown before "et al." at least, where the style shows fewer (pandoc's add-names count).
        var leastNames: Int?
        var givenNames: [String: CSLGivenHint] = [:]
        var yearSuffix: Int?
        var condition = false

        func apply(to context: inout CSLCiteContext) {
            context.leastNames = leastNames
            context.givenNames = givenNames
            context.yearSuffix = yearSuffix.map(CSLProcessor.yearSuffix)
            context.disambiguate = condition
        }
    }

    /// `a` to `z`, then `aa`, `ab`…
    static func yearSuffix(_ number: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return number <= 26 ? String(letters[number - 1]) : String(letters[(number - 1) / 26 - 1]) + String(letters[(number - 1) % 26])
    }

    /// Whether a style prints `year-suffix` itself; when it does not, the suffix follows the first year.
    static func printsYearSuffix(_ style: CSLStyle) -> Bool {
        style.containsElement { element in
            if case .text(let attributes) = element { attributes["variable"] == "year-suffix" } else { false }
        }
    }

    /// A cite's text as pandoc's citeproc compares cites (``CSLRenderer/readsAmbiguity``): without quotation marks, its
    /// words one space apart.
    static func ambiguityText(_ texts: [CSLText]) -> String {
        CSLRenderer.sortText(texts).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Disambiguates the cited items, given in the bibliography's order; `suffixOrder`, the order their year suffixes go
    /// in where it is another (the items the bibliography's keys leave equal in the order pandoc's citeproc finds them).
    func disambiguate(_ items: [CSLItem], citations: [CSLCitation], setup: CSLRenderSetup, numbers: [String: Int],
                      suffixOrder: [CSLItem]? = nil) -> [String: Disambiguation] {
        let options = setup.options
        guard let section = style.citation else { return [:] }
        var states: [String: Disambiguation] = [:]
        /// Each item's text as its cite prints it, with the state it was printed in: the groups below ask for an
        /// item's text again and again while its state stays the same.
        var texts: [String: (state: Disambiguation, text: String)] = [:]
        /// The item's text in its state (or in `given`), and the name lists it prints, read in its first state only
        /// (what the given-name and add-names rules read).
        let rule = options["givenname-disambiguation-rule"] ?? "by-cite"
        let addGivenname = options["disambiguate-add-givenname"] == "true"
        /// Whether the names of the items' cites are expanded by the rule, for all the items at once.
        let expandsNames = addGivenname && rule != "by-cite"
        func rendered(_ item: CSLItem, in given: Disambiguation? = nil) -> (text: String, nameLists: [[CSLName]], people: [Person]) {
            let state = given ?? states[item.id] ?? Disambiguation()
            var context = CSLCiteContext(item: item, cite: CSLCite(id: item.id), citationNumber: numbers[item.id])
            state.apply(to: &context)
            let first = state == Disambiguation()
            let value = cache.value(.init(kind: .disambiguation, context: context.fingerprint(contextUse)), item: item) {
                var renderer = CSLRenderer(setup: setup, context: context)
                renderer.implicitYearSuffix = implicitYearSuffix
                renderer.readsAmbiguity = true
                if first { renderer.printedNameLists = [] }
                let text = Self.ambiguityText(renderer.render(section.elements).texts)
                guard first else { return .text(text) }
                let lists = (renderer.printedNameLists ?? []).map(\.names)
                return .disambiguationKey(text: text, nameLists: lists, people: expandsNames ? Self.people(lists, rule: rule) : [])
            }
            var found: (text: String, nameLists: [[CSLName]], people: [Person]) = ("", [], [])
            switch value {
            case .text(let text?): found.text = text
            case .disambiguationKey(let text, let lists, let people): found = (text, lists, people)
            default: break
            }
            texts[item.id] = (state, found.text)
            return found
        }
        func key(_ item: CSLItem) -> String {
            if let known = texts[item.id], known.state == states[item.id] ?? Disambiguation() { return known.text }
            return rendered(item).text
        }
        func ambiguousGroups() -> [[CSLItem]] {
            let keys = items.map(key)
            // No two alike (most documents): found by comparing neighbours in order, without a table of the texts.
            let inOrder = keys.sorted()
            guard zip(inOrder, inOrder.dropFirst()).contains(where: ==) else { return [] }
            var groups: [String: [CSLItem]] = [:]
            var order: [String] = []
            for (item, text) in zip(items, keys) {
                if groups[text] == nil { order.append(text) }
                groups[text, default: []].append(item)
            }
            return order.compactMap { groups[$0]!.count > 1 ? groups[$0] : nil }
        }
        if expandsNames {
            // The names the cites print (their author's, or the editors' standing in for none), not every name of the
            // items: an editor that no cite shows makes no author ambiguous. Read from each item's cite in its first
            // state, which the groups below compare anyway.
            expandAmbiguousNames(items, people: items.map { rendered($0).people }, rule: rule, states: &states)
        }
        // When no two items print the same (most documents), nothing below changes a state.
        let groups = ambiguousGroups()
        guard !groups.isEmpty else { return states }
        let yearSuffixes = options["disambiguate-add-year-suffix"] == "true"
        let addNames = options["disambiguate-add-names"] == "true"
        let byCite = addGivenname && rule == "by-cite"
        if addNames, !byCite {
            // Pandoc's add-names step, on the names of each group's cites as they were before any given name was
            // expanded; what it leaves alike, a year suffix tells apart.
            for group in groups {
                let names = group.map { rendered($0, in: Disambiguation()).nameLists.flatMap { $0 } }
                // A count that changes nothing is left out (the entry and the cite keep their cached texts).
                for (item, shown) in zip(group, Self.namesShown(names, rule: addGivenname ? rule : nil)) where (shown ?? 0) > namesShownAnyway {
                    states[item.id, default: Disambiguation()].leastNames = shown
                }
            }
        } else if byCite {
            // Pandoc's by-cite step: each group's names get the hints that tell namesakes apart, and then (with
            // add-names) the group's names are added as above; the groups still alike get their hints again. A
            // group's members are in the order pandoc finds them, that of their first cites (each citation's cites
            // in the style's order), which decides whose names a place holds when some members have fewer.
            var byID: [String: CSLItem] = [:]
            for item in items { byID[item.id] = item }
            var firstCited: [String: Int] = [:]
            for citation in citations {
                var cited = citation.cites.compactMap { byID[$0.id] }
                if let sort = style.citation?.sort, !sort.isEmpty { cited = self.sort(cited, keys: sort, setup: setup, numbers: numbers) }
                for item in cited where firstCited[item.id] == nil { firstCited[item.id] = firstCited.count }
            }
            /// The names of a group's cites as they were before any given name was expanded, in the order of first cites.
            func names(_ group: [CSLItem]) -> (group: [CSLItem], names: [[CSLName]]) {
                let group = group.sorted { firstCited[$0.id] ?? .max < firstCited[$1.id] ?? .max }
                return (group, group.map { rendered($0, in: Disambiguation()).nameLists.flatMap { $0 } })
            }
            func hint(_ group: [CSLItem], _ names: [[CSLName]]) {
                for (item, hints) in zip(group, Self.givenNameHints(names)) {
                    for (name, level) in hints { states[item.id, default: Disambiguation()].givenNames[name] = CSLGivenHint(level: level, firstOnly: false) }
                }
            }
            for group in groups {
                let (group, names) = names(group)
                hint(group, names)
                guard addNames else { continue }
                for (item, shown) in zip(group, Self.namesShown(names, rule: rule)) where (shown ?? 0) > namesShownAnyway {
                    states[item.id, default: Disambiguation()].leastNames = shown
                }
            }
            if addNames {
                for group in ambiguousGroups() {
                    let (group, names) = names(group)
                    hint(group, names)
                }
            }
        }
        if yearSuffixes {
            var number: [String: Int] = [:]
            let place = suffixOrder.map { Dictionary($0.enumerated().map { ($1.id, $0) }) { first, _ in first } }
            for group in ambiguousGroups() {
                let group = place.map { place in group.sorted { place[$0.id] ?? .max < place[$1.id] ?? .max } } ?? group
                for item in group {
                    // Each group counts its own suffixes: a, b, c…
                    let suffix = (number[group[0].id] ?? 0) + 1
                    number[group[0].id] = suffix
                    states[item.id, default: Disambiguation()].yearSuffix = suffix
                }
            }
        }
        for group in ambiguousGroups() {
            for item in group { states[item.id, default: Disambiguation()].condition = true }
        }
        return states
    }

    /// Pandoc's add-names step for a group of items whose cites print alike, from the names the cites print (each
    /// member's lists run together): for n = 1, 2, … the members whose first n names differ from those of every other
    /// member still in the group, read as the given-name rule reads them (``nameKey(_:primary:rule:)``: with initials
    /// under `primary-name-with-initials`, so "A. O'Brien" and "J. O'Brien" differ even where the cite prints
    /// neither), leave it, and each time some do, every member still in it is set to show n names. Each member's count,
    /// nil for one never set.
    static func namesShown(_ names: [[CSLName]], rule: String?) -> [Int?] {
        let keys = names.map { list in list.enumerated().map { nameKey($1, primary: $0 == 0, rule: rule) } }
        var shown = [Int?](repeating: nil, count: names.count)
        var open = Array(names.indices)
        var count = 1
        while let most = open.map({ keys[$0].count }).max(), count <= most {
            let told = open.filter { member in open.allSatisfy { $0 == member || keys[$0].prefix(count) != keys[member].prefix(count) } }
            if !told.isEmpty {
                for member in open { shown[member] = count }
                open.removeAll(where: told.contains)
            }
            count += 1
        }
        return shown
    }

    /// Pandoc's by-cite hints for a group of items whose cites print alike, from the names the cites print (each
    /// member's lists run together): place by place (the first names, then the second…), a name that another name in
    /// that place shares its family name with gets its initials (level 1), or its full given name (level 2) where the
    /// initials are the same too; the places are read until every member has had a hint. Each member's hints, by the
    /// name (``nameKey(_:primary:rule:)``). As in pandoc, a place's names go to the members in order, whichever
    /// member's they are, when some members have fewer names than the place.
    static func givenNameHints(_ names: [[CSLName]]) -> [[String: Int]] {
        var hints = [[String: Int]](repeating: [:], count: names.count)
        var open = Set(names.indices)
        for place in 0..<(names.map(\.count).max() ?? 0) where !open.isEmpty {
            let column = names.compactMap { place < $0.count ? $0[place].parsingParticles() : nil }
            let keys = column.map { key($0, given: $0.given) }
            for (member, name) in zip(names.indices, column) {
                let key = keys[member]
                let namesakes = column.indices.filter { keys[$0] != key && column[$0].family == name.family }.map { column[$0] }
                guard !namesakes.isEmpty else { continue }
                let sameInitials = name.given.map { given in namesakes.contains { $0.given.map(initials) == initials(given) } } ?? false
                hints[member][key] = sameInitials ? 2 : 1
                open.remove(member)
            }
        }
        return hints
    }

    /// A name as pandoc's add-names step compares it: every part, with the given name as the given-name rule reads
    /// it (none without a rule, and past the first name under the `primary-name` rules; initials under the
    /// `-with-initials` rules).
    static func nameKey(_ name: CSLName, primary: Bool, rule: String?) -> String {
        let name = name.parsingParticles()
        let given: String? = switch rule {
        case "all-names", "by-cite": name.given
        case "all-names-with-initials": name.given.map(initials)
        case "primary-name": primary ? name.given : nil
        case "primary-name-with-initials": primary ? name.given.map(initials) : nil
        default: nil
        }
        return key(name, given: given)
    }

    /// The key of a name whose particles are parsed, with the given name as read (an organisation's: its name).
    private static func key(_ name: CSLName, given: String?) -> String {
        if let literal = name.literal { return literal }
        return [name.family, given, name.droppingParticle, name.nonDroppingParticle, name.suffix].map { $0 ?? "" }.joined(separator: "\u{1}")
    }

    /// Initials as the rules compare given names, as pandoc's citeproc compares them (without marks, a hyphen only
    /// where the name was written as initials): "Anna" and "Ana" are both "A", "Jean-Paul", "J-P" and "J.P." are
    /// "JP", "J.-P." is "J-P".
    private static func initials(_ given: String) -> String {
        CSLNames.initials(given, with: "", initialize: true, hyphen: false)
    }

    /// A name as the rules read it: its family name alone (the rules group names by it, particles aside, as pandoc's
    /// citeproc does: "W. Berg" beside "A. van der Berg"), the person (every part of the name, ``nameKey(_:primary:rule:)``:
    /// "Anna Müller Jr." is not "Anna Müller") and the given name.
    struct Person: Sendable {
        var family: String, person: String, given: String?
        /// The given name's initials, as the rules compare them (``initials(_:)``).
        var initials: String?
    }

    /// The people of a cite's name lists that a rule other than `by-cite` reads (the first name of each list only for
    /// the `primary-name` rules), in order; an organisation's name, or one without a family name, is none.
    static func people(_ nameLists: [[CSLName]], rule: String) -> [Person] {
        let primaryOnly = rule.hasPrefix("primary-name")
        return nameLists.flatMap { names in
            names.enumerated().compactMap { index, name -> Person? in
                guard !primaryOnly || index == 0 else { return nil }
                let name = name.parsingParticles()
                guard name.literal == nil, let family = name.family else { return nil }
                return Person(family: family, person: key(name, given: name.given), given: name.given, initials: name.given.map(initials))
            }
        }
    }

    /// The names rules of `givenname-disambiguation-rule` other than `by-cite`: every name whose family name another
    /// person shares prints its initials, or its full given name where initials are not enough (not for the
    /// `-with-initials` rules), wherever the items print it; the `primary-name` rules read first names only and
    /// expand a name only where it comes first. `people`: the people of the names each item's cite prints, as the
    /// rule reads them (``people(_:rule:)``).
    private func expandAmbiguousNames(_ items: [CSLItem], people: [[Person]], rule: String, states: inout [String: Disambiguation]) {
        let all = Array(people.joined())
        let primaryOnly = rule.hasPrefix("primary-name")
        let initialsOnly = rule.hasSuffix("with-initials")
        // The people by family name: each run of one name is compared within itself. Most documents have no two people
        // of one family name, and nothing to expand.
        let byFamily = all.sorted { $0.family < $1.family }
        var hints: [String: CSLGivenHint] = [:]
        var start = 0
        while start < byFamily.count {
            var end = start + 1
            while end < byFamily.count, byFamily[end].family == byFamily[start].family { end += 1 }
            defer { start = end }
            /// Each person of the name once (a person is the whole name, its given name included).
            var namesakes: [Person] = []
            for person in byFamily[start..<end] where !namesakes.contains(where: { $0.person == person.person }) { namesakes.append(person) }
            guard namesakes.count > 1 else { continue }
            for person in namesakes {
                // Initials when they tell this person from the others of the name, else the full given name (not for
                // the -with-initials rules, which stop at initials: "G. J." and "Gregory J." stay). A name without a
                // given name matches none: its long form shows what it has ("Lee Sr").
                let others = namesakes.filter { $0.person != person.person }
                let level = person.initials.map { initials in others.contains { $0.initials == initials } } != true ? 1 : initialsOnly ? 0 : 2
                if level > 0 { hints[person.person] = CSLGivenHint(level: level, firstOnly: primaryOnly) }
            }
        }
        guard !hints.isEmpty else { return }
        // Each item's names that have a hint, in the lists its cite prints. (Pandoc's citeproc keeps one map of hints
        // for all items, which an entry's other lists, its editors', read too: it expands them only where a name
        // prints short or where the hint is a full given name, which the bibliographies of these rules print anyway.)
        for (item, people) in zip(items, people) {
            for person in people {
                if let hint = hints[person.person] { states[item.id, default: Disambiguation()].givenNames[person.person] = hint }
            }
        }
    }
}
