/// The validated header of an article.
public struct FrontMatter: Sendable {
    public enum Confidence: String, Sendable, CaseIterable {
        case high, moderate, low

        /// What the label tells a reader, shown next to the badge (README, "Confidence levels").
        public var explanation: String {
            switch self {
            case .high:
                "Several well-run randomised trials, or reviews that pool them, found consistent results in people like those this answer is about. New research is unlikely to change the conclusion."
            case .moderate:
                "The answer rests on trials with important limits, or on consistent findings from large studies that followed people for years without assigning a treatment. New research could change the conclusion."
            case .low:
                "The answer rests mainly on expert reviews, laboratory work, small or early trials, trials in other groups of patients, or trials whose results conflict. New research is likely to change the conclusion."
            }
        }
    }

    /// An old address that no page can have, with why and where it is written.
    struct RejectedAlias: Sendable {
        var message: String
        /// For a file's address (`/files/leaflet.txt`), the alias as written and the file's output path
        /// (`files/leaflet.txt`): whether the site publishes a file there already is the build's to say.
        var file: (written: String, outputPath: String)?
        var location: SourceLocation
    }

    public var title: String
    public var summary: String?
    public var topic: String?
    public var confidence: Confidence?
    public var reviewed: ReviewDate?
    public var tags: [String]
    public var questions: [String]
    /// The keys of retracted sources the answer cites on purpose (`cites-retracted:`), to say they are retracted: no
    /// error of `check` for its citations of them. With the position of each, for a key that names no such source.
    public var citesRetracted: [(key: String, location: SourceLocation)] = []
    public var isDraft: Bool
    /// Bibliography paths as written, relative to the article, with the position of each.
    public var bibliography: [(path: String, location: SourceLocation)]
    /// The output paths of the page's old addresses (`aliases:`), each with where it is written: a page there sends
    /// readers on to this one.
    public var aliases: [(path: String, location: SourceLocation)] = []
    /// The old addresses that no page can have (a full URL, `..`, a file's address): said by the build with the other
    /// aliases' errors, so that one of them keeps none of the others unsaid.
    var rejectedAliases: [RejectedAlias] = []
    /// Inline CSL-YAML items of `references:`.
    public var references: [DataNode]
    /// The citation style the article chooses instead of the site's (`citation-style:`), with where it is written; the
    /// site must list it in `article-citation-styles`.
    public var citationStyle: (name: String, location: SourceLocation)?
    public var layout: String
    /// Where `layout:` was given, for a missing template.
    public var layoutLocation: SourceLocation?
    /// Where `title` is written, for two answers to one question.
    public var titleLocation: SourceLocation?
    /// Where `summary` is written, for the example answer `init` wrote.
    public var summaryLocation: SourceLocation?
    /// Where `topic` is written, for a topic spelled two ways.
    public var topicLocation: SourceLocation?
    /// Where `reviewed` is written, for the review-age check.
    public var reviewedLocation: SourceLocation?
    /// Keys the contract does not define, kept for templates.
    public var extra: [String: DataNode]

    public init(title: String) {
        self.title = title
        self.tags = []
        self.questions = []
        self.isDraft = false
        self.bibliography = []
        self.references = []
        self.layout = "article"
        self.extra = [:]
    }
}

/// A calendar date written `YYYY-MM-DD`.
public struct ReviewDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Parses `YYYY-MM-DD`, accepting only dates that exist.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date, when it exists.
    init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The dates a date written another way may be (`2024-1-5`, `5/1/2024`, `2024/01/05`, `5 Jan 2024`), in
    /// `YYYY-MM-DD`: one, or two when day and month could be either way round.
    public static func meant(by text: String) -> [ReviewDate] {
        // A date and a time, as Jekyll and Hugo write `date:` (`2024-01-15 10:00:00 +0000`, `2024-01-15T10:00:00Z`): its date.
        if text.count > 10, let date = ReviewDate(String(text.prefix(10))), [" ", "T"].contains(text.dropFirst(10).first) { return [date] }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." || $0 == " " || $0 == "," }).map(String.init)
        guard parts.count == 3 else { return [] }
        func date(_ year: String, _ month: String, _ day: String) -> ReviewDate? {
            let monthNumber = Int(month) ?? monthNames.firstIndex { month.count >= 3 && $0.lowercased().hasPrefix(month.lowercased()) }.map { $0 + 1 }
            guard year.count == 4, let year = Int(year), let monthNumber, let day = Int(day) else { return nil }
            return ReviewDate(year: year, month: monthNumber, day: day)
        }
        if parts[0].count == 4 { return date(parts[0], parts[1], parts[2]).map { [$0] } ?? [] }
        // Day first (most of the world) or month first (the United States); a month named is either.
        var found: [ReviewDate] = []
        for candidate in [date(parts[2], parts[1], parts[0]), date(parts[2], parts[0], parts[1])] {
            if let candidate, !found.contains(candidate) { found.append(candidate) }
        }
        return found
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `2026-05-12`.
    public var iso: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// `May 12, 2026`.
    public var display: String { "\(Self.monthNames[month - 1]) \(day), \(year)" }

    public static func < (lhs: ReviewDate, rhs: ReviewDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
