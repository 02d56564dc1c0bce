import Synchronization

/// What a processor rendered for one item in one context: the same entry, citation, sort key or disambiguation key
/// asked for again (the many documents of a site cite the same sources) is looked up, not rendered again. Safe to
/// use from several threads; an entry is used only for an item equal to the one it was rendered from (two
/// documents may give one id to different items).
final class CSLRenderCache: Sendable {
    enum Value: Sendable {
        /// A bibliography entry's text, and whether it printed a name in its short form (where initials that
        /// disambiguation adds would show).
        case entry(texts: [CSLText], printsShortNames: Bool)
        /// A cite's text, its author's as plain text with who the names shown are, and who all the people of its author
        /// are (either groups the cites of one author), nil when it has none.
        case cite(texts: [CSLText], author: String?, people: [CSLNameList]?)
        case text(String?)
        /// The text disambiguation compares, of an item in its first state, with the name lists the cite prints and
        /// the people of those names that the style's given-name rule reads (when the rule is not `by-cite`).
        case disambiguationKey(text: String, nameLists: [[CSLName]], people: [CSLProcessor.Person])
    }

    /// What was rendered, and for which context: a cache key.
    struct Key: Hashable, Sendable {
        /// A bibliography entry, a cite (as a citation's first or not, its author left out or not, its dates as their
        /// year suffixes alone or not), the text that disambiguation compares, or the value of a sort key (of the
        /// bibliography's or a citation's, by number).
        enum Kind: Hashable, Sendable {
            case entry, cite(first: Bool, suppressAuthor: Bool, yearSuffixOnly: Bool), disambiguation, bibliographySortKey(Int), citationSortKey(Int)
            /// A citation of one cite printed as HTML, with its link.
            case citationHTML(link: String?, escaping: CSLHTMLEscaping)
        }

        var kind: Kind
        var context: CSLCiteContext.Fingerprint
    }

    /// One part of the values, under its own lock: the cores render at once and look values up all the time.
    private final class Shard: Sendable {
        let values = Mutex<[Key: (item: CSLItem, value: Value)]>([:])
    }

    /// The values in eight parts, by the last byte of the item's id (cheap to read; a key's hash is not).
    private let shards = (0..<8).map { _ in Shard() }

    /// The value for `key`, made by `make` unless it is known for `item`.
    func value(_ key: Key, item: CSLItem, make: () -> Value) -> Value {
        let shard = shards[Int(key.context.id.utf8.last ?? 0) & 7]
        if let known = shard.values.withLock({ $0[key] }), known.item == item { return known.value }
        let value = make()
        shard.values.withLock { $0[key] = (item, value) }
        return value
    }
}

extension CSLCiteContext {
    /// Everything about the item's place that rendering reads, besides the item, with the item's id.
    struct Fingerprint: Hashable, Sendable {
        var id: String
        var yearSuffix: String?
        var leastNames: Int?
        var givenNames: [String: CSLGivenHint]
        var disambiguate: Bool
        var citationNumber: Int?
        var position: Position?
        var cite: Cite?

        struct Position: Hashable, Sendable {
            var position: CSLPosition
            var nearNote: Bool
            var firstNoteNumber: Int?
        }

        struct Cite: Hashable, Sendable {
            var locator: String?, label: String?, prefix: String?, suffix: String?
            var suppressAuthor: Bool, authorOnly: Bool
        }
    }

    /// The context as a cache key. The citation number, and the position among the citations, count only for a style
    /// that reads them (so that the entry of an author-date style is one whatever its number in a document); the
    /// cite's link is not rendered (its text is linked afterwards).
    func fingerprint(_ reads: CSLProcessor.ContextUse) -> Fingerprint {
        Fingerprint(
            id: item.id, yearSuffix: yearSuffix, leastNames: leastNames, givenNames: givenNames, disambiguate: disambiguate,
            citationNumber: reads.citationNumber ? citationNumber : nil,
            position: reads.position ? Fingerprint.Position(position: position, nearNote: nearNote, firstNoteNumber: firstNoteNumber) : nil,
            cite: cite.map {
                Fingerprint.Cite(
                    locator: $0.locator, label: $0.label, prefix: $0.prefix, suffix: $0.suffix, suppressAuthor: $0.suppressAuthor, authorOnly: $0.authorOnly)
            })
    }
}

extension CSLProcessor {
    /// Which parts of a cite's context a style reads besides the item.
    struct ContextUse: Sendable {
        var citationNumber: Bool
        var position: Bool

        init(_ style: CSLStyle) {
            citationNumber = style.mentions("citation-number")
            // A subsequent cite may shorten its names (`et-al-subsequent-min`) without testing its position.
            position = ["position", "first-reference-note-number", "et-al-subsequent-min", "et-al-subsequent-use-first"].contains(where: style.mentions)
        }
    }
}

extension CSLStyle {
    /// Whether an element anywhere in the style (its macros, citation and bibliography, inside groups, branches and
    /// names' substitutes) is one that `matches`.
    func containsElement(where matches: (CSLElement) -> Bool) -> Bool {
        func inElements(_ elements: [CSLElement]) -> Bool {
            elements.contains { element in
                if matches(element) { return true }
                switch element {
                case .group(_, let children): return inElements(children)
                case .choose(let branches): return branches.contains { inElements($0.elements) }
                case .names(_, let parts): return parts.contains { if case .substitute(let children) = $0 { inElements(children) } else { false } }
                default: return false
                }
            }
        }
        return macros.values.contains(where: inElements) || inElements(citation?.elements ?? []) || inElements(bibliography?.elements ?? [])
    }

    /// Whether its citations are numbers: its `<category citation-format>` says `numeric`, or, without one, it
    /// prints `citation-number`.
    public var citesByNumber: Bool {
        citationFormat == "numeric" || citationFormat == nil && mentions("citation-number")
    }

    /// Whether an attribute (its name or its value), a condition or a sort key anywhere in the style names `word`.
    func mentions(_ word: String) -> Bool {
        func names(_ attributes: [XMLAttribute]) -> Bool {
            attributes.contains { $0.name == word || $0.value == word || $0.value.split(separator: " ").contains(Substring(word)) }
        }
        let inAnElement = containsElement { element in
            switch element {
            case .text(let attributes), .number(let attributes), .label(let attributes), .date(let attributes, _), .group(let attributes, _): names(attributes)
            case .names(let attributes, let parts):
                names(attributes) || parts.contains { part in
                    switch part {
                    case .name(let attributes, _), .etAl(let attributes), .label(let attributes): names(attributes)
                    case .substitute: false
                    }
                }
            case .choose(let branches): branches.contains { $0.conditions.contains { $0.name == word || $0.values.contains(word) } }
            }
        }
        let sections = [citation, bibliography].compactMap { $0 }
        return names(options) || inAnElement || sections.contains { section in
            names(section.options) || section.sort.contains { $0.source == .variable(word) }
        }
    }
}
