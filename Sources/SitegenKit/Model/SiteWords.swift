import Foundation

/// The words sitegen writes on a site's pages that are not the site's own (`words:` in `sitegen.yml`): the built-in
/// templates' ("Mode", "References"), what it writes in code (a reference's links and labels, the redirect pages'
/// text) and the confidence levels' names. Each has a key and its English text; a site gives its own text for any of
/// them, and the rest stay English.
///
/// A phrase with a number or a name in it holds it as a placeholder in braces (`Reference {number}`), which the
/// site's text must keep.
public struct SiteWords: Sendable, Equatable {
    /// The site's text, by key; a key not given is English.
    public private(set) var translations: [String: String]
    /// Whether the site's language is English (`en`, `en-GB`): its English words need no `lang="en"`.
    public let isEnglishSite: Bool
    /// The site's language tag: the `lang` of the site's own words inside a phrase that stays English.
    public let language: String

    /// - Parameters:
    ///   - translations: the site's text by key, each a key of ``english``.
    ///   - language: the site's language tag.
    public init(_ translations: [String: String] = [:], language: String = "en") {
        self.translations = translations
        isEnglishSite = Self.isEnglish(language)
        self.language = language
    }

    /// Whether a language tag is English's (`en`, `en-GB`, `EN`).
    static func isEnglish(_ language: String) -> Bool {
        language.prefix { $0 != "-" }.lowercased() == "en"
    }

    /// The keys and their English text, in the order README lists them.
    public static let english: [(key: String, text: String)] = [
        // The built-in templates'.
        ("skipLink", "Skip to main content"),
        ("search", "Search"),
        ("searchLabel", "Search the answers"),
        ("mode", "Mode"),
        ("textSize", "Text Size"),
        ("lastReviewed", "Last reviewed"),
        ("confidence", "{level} confidence"),
        ("confidenceQuestion", "What does {level} confidence mean?"),
        ("high", "high"),
        ("moderate", "moderate"),
        ("low", "low"),
        ("highExplanation", FrontMatter.Confidence.high.explanation),
        ("moderateExplanation", FrontMatter.Confidence.moderate.explanation),
        ("lowExplanation", FrontMatter.Confidence.low.explanation),
        ("questions", "What to ask your doctor"),
        ("references", "References"),
        // What sitegen writes on citations and references.
        ("reference", "Reference {number}"),
        ("backToReference", "Back to where reference {number} is cited"),
        ("backToCitation", "back to citation {index} of {count} of reference {number}"),
        ("doi", "DOI"),
        ("doiLabel", "DOI for reference {number}"),
        ("pubmed", "PubMed"),
        ("pubmedLabel", "PubMed record for reference {number}"),
        ("pmcLabel", "Full text in PubMed Central for reference {number}"),
        ("link", "Link"),
        ("linkLabel", "Web page for reference {number}"),
        ("retracted", "Retracted"),
        ("retractionNotice", "Retraction notice"),
        ("retractionNoticeLabel", "Retraction notice for reference {number}"),
        // The redirect pages'.
        ("firstPage", "Go to the first page"),
        ("moved", "This page has moved: {title}"),
        // The built-in templates' header and footers.
        ("siteNavigation", "Site"),
        ("siteSearch", "Site search"),
        ("footer", "The answers on this site summarise published medical research. They are not individual medical advice: talk to a health professional about your own situation."),
        ("allQuestions", "All questions"),
        ("topics", "Topics"),
        ("feed", "Feed"),
        ("topicNote", "This question is drawn from common patient questions about {topic} and answered from the cited medical research."),
        ("disclaimer", "It is general information, not individual medical advice: please talk to your own doctor about your situation."),
        // The pages of lists: topics, pagination, the search page's A to Z, 404.
        ("topicSummary", "Questions about {topic}, answered from published research."),
        ("topicDescription", "Questions about {topic}"),
        ("listPage", "{title}, page {number}"),
        ("pages", "Pages"),
        ("previous", "Previous"),
        ("next", "Next"),
        ("page", "page"),
        ("pageNumber", "Page"),
        ("pageOf", "Page {current} of {total}"),
        ("searchDescription", "Search the answers, or browse every question A to Z"),
        ("searchPageLabel", "Search the answers by question, condition or treatment"),
        ("searchNeedsJavaScript", "Search needs JavaScript, which is off: every question is listed below, A to Z."),
        ("allQuestionsAToZ", "All questions, A to Z"),
        ("byFirstLetter", "Questions by first letter"),
        ("startingWith", "Questions starting with"),
        ("startingWithOther", "Questions starting with a digit or another character:"),
        ("notFound", "Page not found"),
        ("notFoundText", "There is no page at this address."),
        ("seeAllQuestions", "See all questions"),
        // What the scripts say (``BuiltinAssets/script(_:)``, ``SearchScript``).
        ("darkModeOn", "Dark mode is on"),
        ("lightModeOn", "Light mode is on"),
        ("normalText", "Normal text"),
        ("largeText", "Large text"),
        ("largerText", "Larger text"),
        ("largestText", "Largest text"),
        ("nextSize", "{size} (press for the next size)"),
        ("searchResults", "Search results"),
        ("searchUnavailable", "Search is not available right now."),
        ("keepTyping", "Keep typing: “{query}” is too short to search."),
        ("noAnswers", "No answers match “{query}”. Try other words."),
        ("answer", "{count} answer for “{query}”."),
        ("answers", "{count} answers for “{query}”."),
        ("bestAnswers", "The best {shown} of {count} answers for “{query}”."),
        ("arrowKeys", "Use the arrow keys to move through them."),
    ]

    /// The keys of ``english``.
    public static let keys = english.map(\.key)

    private static let englishByKey = Dictionary(uniqueKeysWithValues: english.map { ($0.key, $0.text) })

    /// The text of a key: the site's, or English.
    public subscript(_ key: String) -> String {
        translations[key] ?? Self.englishByKey[key] ?? ""
    }

    /// Whether the text of a key is English on a site in another language: the element that holds it carries
    /// `lang="en"`, so that a screen reader reads it as English (WCAG 3.1.2, Language of Parts).
    public func staysEnglish(_ key: String) -> Bool {
        !isEnglishSite && translations[key] == nil
    }

    /// ` lang="en"` for a key that stays English on a site in another language, else nothing.
    func langAttribute(_ key: String) -> String {
        staysEnglish(key) ? " lang=\"en\"" : ""
    }

    /// Whether every word is English, on an English site: pages print as they always have.
    public var isDefault: Bool { isEnglishSite && translations.isEmpty }

    /// The text of a key with its placeholders filled (`{number}` with `number`'s value); the values are put in as
    /// they are, in one pass: a title that holds `{number}` stays as written.
    public func text(_ key: String, _ values: [String: String]) -> String {
        var text = "", rest = Substring(self[key])
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let after = rest.index(after: open)
            guard let value = values[String(rest[after..<close])] else {
                text += rest[..<after]
                rest = rest[after...]
                continue
            }
            text += rest[..<open] + value
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }

    /// The text of a key with one placeholder, in the two parts around it (`Reference `, ``): for a number put in
    /// between as a page is written.
    func parts(_ key: String, around placeholder: String) -> (before: String, after: String) {
        let text = self[key]
        guard let range = text.range(of: "{\(placeholder)}") else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    /// The placeholders of a text: the names in braces (`number` of `Reference {number}`).
    static func placeholders(in text: String) -> [String] {
        var names: [String] = [], rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) { names.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The English text of a key, nil for no key.
    static func englishText(_ key: String) -> String? { englishByKey[key] }
}
