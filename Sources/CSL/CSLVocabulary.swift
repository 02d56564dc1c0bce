/// The names CSL 1.0.2 gives things, as its schema lists them (`csl-variables.rnc`, `csl-terms.rnc`, the item types):
/// a style's reader checks the variables, terms and types a style names against them (a misspelt one would print
/// nothing, or never match, in silence); a bibliography's reader sorts an item's fields by them.
public enum CSLVocabulary {
    /// The item types.
    public static let itemTypes: Set<String> = [
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter", "classic",
        "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic",
        "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture", "musical_score", "pamphlet",
        "paper-conference", "patent", "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation",
        "report", "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
    ]

    /// The name variables.
    public static let nameVariables: Set<String> = [
        "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator", "director",
        "editor", "editorial-director", "editor-translator", "executive-producer", "guest", "host", "illustrator", "interviewer",
        "narrator", "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author", "script-writer",
        "series-creator", "translator",
    ]

    /// The date variables.
    public static let dateVariables: Set<String> = ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]

    /// The number variables.
    public static let numberVariables: Set<String> = [
        "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number", "issue", "locator",
        "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part-number", "printing-number", "section",
        "supplement-number", "version", "volume",
    ]

    /// The title and other text variables (`event` is CSL 1.0.1's name of `event-title`).
    public static let textVariables: Set<String> = [
        "collection-title", "container-title", "original-title", "part-title", "reviewed-title", "title", "volume-title",
        "title-short", "container-title-short",
        "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority", "call-number",
        "citation-key", "citation-label", "dimensions", "division", "DOI", "event", "event-title", "event-place", "genre", "ISBN",
        "ISSN", "jurisdiction", "keyword", "language", "license", "medium", "note", "original-publisher",
        "original-publisher-place", "PMCID", "PMID", "publisher", "publisher-place", "references", "reviewed-genre", "scale",
        "source", "status", "URL", "year-suffix",
    ]

    /// Every variable.
    public static let variables = nameVariables.union(dateVariables).union(numberVariables).union(textVariables)

    /// CSL's name of a variable written in any case (`issn` is `ISSN`), as pandoc reads variables' names; nil for a
    /// name that is no variable.
    public static func variable(named name: String) -> String? { variablesByLowercasedName[name.lowercased()] }

    private static let variablesByLowercasedName = Dictionary(variables.map { ($0.lowercased(), $0) }) { first, _ in first }

    /// The locator terms (what a `locator` condition tests; `sub verbo` is CSL 1.0.1's spelling).
    public static let locatorTerms: Set<String> = [
        "act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation", "equation", "figure", "folio",
        "issue", "line", "note", "opus", "page", "paragraph", "part", "rule", "scene", "section", "sub-verbo", "sub verbo",
        "supplement", "table", "timestamp", "title-locator", "verse", "version", "volume",
    ]

    /// The terms, but for the ordinals (`ordinal`, `ordinal-00` to `ordinal-99`: ``isTerm(_:)``).
    public static let terms: Set<String> = locatorTerms.union(itemTypes).union(nameVariables).union([
        "editortranslator", "accessed", "ad", "advance-online-publication", "album", "and", "and others", "anonymous", "at",
        "audio-recording", "available at", "bc", "bce", "by", "ce", "circa", "cited", "et-al", "film", "forthcoming", "from",
        "henceforth", "ibid", "in", "in press", "internet", "interview", "letter", "loc-cit", "no date", "no-place",
        "no-publisher", "on", "online", "op-cit", "original-work-published", "personal-communication", "podcast",
        "podcast-episode", "preprint", "presented at", "radio-broadcast", "radio-series", "radio-series-episode", "reference",
        "retrieved", "review-of", "scale", "special-issue", "special-section", "television-broadcast", "television-series",
        "television-series-episode", "video", "working-paper", "open-quote", "close-quote", "open-inner-quote",
        "close-inner-quote", "page-range-delimiter", "colon", "comma", "semicolon", "season-01", "season-02", "season-03",
        "season-04", "month-01", "month-02", "month-03", "month-04", "month-05", "month-06", "month-07", "month-08", "month-09",
        "month-10", "month-11", "month-12", "long-ordinal-01", "long-ordinal-02", "long-ordinal-03", "long-ordinal-04",
        "long-ordinal-05", "long-ordinal-06", "long-ordinal-07", "long-ordinal-08", "long-ordinal-09", "long-ordinal-10",
        "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number", "number",
        "number-of-pages", "number-of-volumes", "page-first", "printing",
    ])

    /// Whether CSL knows a term by this name: one of ``terms`` or an ordinal.
    public static func isTerm(_ name: String) -> Bool {
        if terms.contains(name) || name == "ordinal" { return true }
        let digits = name.utf8.dropFirst("ordinal-".utf8.count)
        return name.hasPrefix("ordinal-") && digits.count == 2 && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// The values of a `position` condition.
    public static let positions: Set<String> = ["first", "subsequent", "ibid", "ibid-with-locator", "near-note", "container-subsequent"]
}
