import CSL
import Foundation
import Synchronization

/// The citation style a site prints its citations and references in (`citation-style:` in `sitegen.yml`): one of
/// the built-in CSL styles or a `.csl` file of the site, with the locale of the site's `language`.
public struct CitationStyle: Sendable {
    /// As `sitegen.yml` names it: `vancouver`, or a path such as `styles/house.csl`.
    public let name: String
    let processor: CSLProcessor
    /// Whether citations are numbers: a numeric style's markers are superscript numbers, and its entries are numbered
    /// in the order they are first cited. Otherwise citations are the style's own text (`(Liu et al., 2021)`).
    public let isNumeric: Bool
    /// Whether three or more consecutive numbers in a marker print as a range (`3–5`): the style's citation collapses
    /// them (`collapse="citation-number"`), as pandoc's citeproc reads it; IEEE's does not (`[3], [4], [5]`).
    let collapsesNumbers: Bool
    /// What the style was made from (its name, its files' texts and the language): pages printed with another style
    /// are rendered again.
    public let key: String
    /// Whose style it is and under what licence, as the style's `<info>` says: pages credit it in their source (in a
    /// comment, so `--` is written `–`).
    public let credit: String
    /// The words that label a locator in a citation's text, in the site's language (``CSLProcessor/locatorLabels()``).
    let locatorLabels: LocatorLabels
    /// The word between two authors in a source's label (`Müller und Schmidt`): the locale's term `and`.
    let and: String
    /// Whether the locale's words (`ואחרים` for "et al.") are written from right to left: a citation or entry that holds
    /// them reads from the right, though it starts with a name in Latin letters (``rightToLeftWhereItsWordsAre(_:)``).
    public let readsRightToLeft: Bool
    /// What the site's language prints in when sitegen has no locale of it (`ru`, `es-MX`): said as a warning.
    public let localeFallback: String?
    /// What the style asks that sitegen prints otherwise, each said as a warning at the setting that names it.
    public let unsupported: [String]
    /// The style's `default-locale` (its parent's, for a dependent style), nil when it has none.
    public let defaultLocale: String?
    /// Warnings at the style file's own elements: a term of its own that no locale of the site's language defines,
    /// which prints nothing.
    public private(set) var warnings: [Diagnostic] = []

    /// How an article printed in it lists its references.
    public var referenceList: ReferenceList { ReferenceList(isNumbered: isNumeric, credit: credit) }

    /// The default: Vancouver, in US English.
    public static let vancouver = try! CitationStyle.builtIn("vancouver", language: "en-US")!

    private init(name: String, style: CSLStyle, language: String, key: String) {
        self.name = name
        defaultLocale = style.defaultLocale
        let requested = Self.locale(site: language, style: style.defaultLocale)
        let (locale, fallback) = Self.builtInLocale(requested, styleLocales: style.locales.compactMap(\.language))
        localeFallback = fallback
        readsRightToLeft = TextDirection.isRightToLeft(locale)
        processor = CSLProcessor(style: style, localeFiles: Self.locales(for: locale), language: locale)
        isNumeric = style.citesByNumber
        collapsesNumbers = style.citation?.options.contains(XMLAttribute(name: "collapse", value: "citation-number")) == true
        locatorLabels = LocatorLabels(processor.locatorLabels())
        and = processor.term("and") ?? "and"
        var unsupported: [String] = []
        if style.bibliography == nil {
            unsupported.append("'\(name)' has no <bibliography>, so every entry of an article's reference list is empty; choose a style that has one")
        } else if isNumeric, let sort = style.bibliography?.sort, !sort.isEmpty, !sort.contains(where: { $0.source == .variable("citation-number") }) {
            // Numbers by the bibliography's order (alphabetical numeric styles: ACM, NLM citation-name).
            unsupported.append("'\(name)' numbers its references in the order its reference list is sorted (by author, say), which sitegen"
                + " does not do: an article's references are numbered in the order they are first cited, and listed so")
        }
        self.unsupported = unsupported
        // In a comment of the page's source, so without `--`.
        credit = ("References in the citation style “\(style.title ?? name)”" + (style.id.map { " (\($0))" } ?? "")
            + (style.rights.map { ". " + $0 } ?? "")).replacing("--", with: "–")
        self.key = key + "\u{0}" + language
    }

    /// The locale to print in: the site's language, unless it is the language of the style's own locale without a
    /// region (a site in `en` keeps BMJ's `en-GB`); the style's own (or US English) when the site sets none (`""`), as
    /// pandoc prints without `lang`.
    static func locale(site: String, style: String?) -> String {
        guard !site.isEmpty else { return style ?? "en-US" }
        guard let style, !site.contains("-"), style.lowercased().hasPrefix(site.lowercased() + "-") else { return site }
        return style
    }

    /// The built-in locale a language tag prints with, in any case (`pt-br` is `pt-BR`), and what the site is told when
    /// it is not the language's own: another region's (`es-MX` prints in `es-ES`, `pt` in `pt-BR`), or US English for
    /// a language sitegen has no locale of (`ru`), unless the style has its own `<locale>` of the tag.
    static func builtInLocale(_ tag: String, styleLocales: [String]) -> (locale: String, fallback: String?) {
        let parts = tag.split(separator: "-").map(String.init)
        let canonical = parts.enumerated().map { index, part in
            index == 0 ? part.lowercased() : part.count == 2 ? part.uppercased() : part.count == 4 ? part.capitalized : part
        }.joined(separator: "-")
        // A deprecated code is its language's (`iw` is `he`), as browsers read it.
        let primary = Self.deprecatedLanguages[parts.first?.lowercased() ?? ""] ?? parts.first?.lowercased() ?? ""
        let available = CSLBuiltins.locales.keys
        if available.contains(canonical) || styleLocales.contains(where: { $0.lowercased() == canonical.lowercased() }) {
            return (canonical, nil)
        }
        let dialects = available.filter { $0.lowercased().hasPrefix(primary + "-") }.sorted()
        // A script (`zh-Hant-TW`, `sr-Latn`) picks the locales written in it: Chinese's by their regions, Serbian's by the
        // script in their tag; then the region given, if one of them has it. It is the language's own locale: no warning.
        if let script = parts.dropFirst().first(where: { $0.count == 4 })?.capitalized {
            let region = parts.dropFirst().first(where: { $0.count == 2 })?.uppercased()
            let written = dialects.filter { dialect in
                primary == "zh" ? (script == "Hant" ? ["zh-TW", "zh-HK", "zh-MO"] : ["zh-CN", "zh-SG"]).contains(dialect) : dialect.split(separator: "-").contains(Substring(script))
            }
            if let dialect = written.first(where: { region != nil && $0.hasSuffix("-" + region!) }) ?? written.first { return (dialect, nil) }
        }
        if primary != parts.first?.lowercased(), let dialect = dialects.first(where: { $0 == CSLProcessor.mainDialect(of: primary) }) ?? dialects.first,
            parts.count == 1
        {
            return (dialect, nil)
        }
        let main = CSLProcessor.mainDialect(of: primary)
        guard let dialect = dialects.first(where: { $0 == main }) ?? dialects.first else {
            return (canonical, "sitegen has no locale of '\(tag)' (it carries the \(available.count) of the CSL project), so citations and"
                + " references print with US English words; a style of the site's own can carry a <locale> of the language")
        }
        // A language without its region prints in its main dialect (`de` in `de-DE`) without a word.
        if canonical == primary, dialect == main { return (dialect, nil) }
        return (dialect, "sitegen has no locale of '\(tag)', so citations and references print with the words of \(dialect)"
            + " (its locales of the language: \(dialects.joined(separator: ", ")))")
    }

    /// Language codes replaced by others, by the ones that replace them (ISO 639's; `no`, Norwegian, is written Bokmål).
    static let deprecatedLanguages = ["iw": "he", "in": "id", "ji": "yi", "no": "nb"]

    /// A built-in style by name, nil when there is none of that name.
    static func builtIn(_ name: String, language: String) throws(Diagnostic) -> CitationStyle? {
        guard let text = CSLBuiltins.styles[name] else { return nil }
        return CitationStyle(name: name, style: try Self.read(text, path: "<built-in>/\(name).csl"), language: language, key: name)
    }

    /// The style `citation-style` names: a built-in one, or a `.csl` file (a path relative to the site folder). A
    /// dependent style takes its citations and bibliography from its parent, a style beside it or a built-in one.
    /// - Parameter location: where the setting is, for errors.
    /// - Throws: a diagnostic at the setting, or in the style file, that says what to do.
    public static func load(_ name: String, root: URL, language: String, at location: SourceLocation) throws(Diagnostic) -> CitationStyle {
        if let style = try builtIn(name, language: language) { return style }
        /// The built-in style the last part of a path or address names (`styles/apa.csl`, `…/styles/vancouver`).
        let lastPart = name.split(separator: "/").last.map { String($0.lowercased().replacing(".csl", with: "")) } ?? ""
        let builtInNamed = CSLBuiltins.styles[lastPart] == nil ? nil : lastPart
        if name.lowercased().hasPrefix("http://") || name.lowercased().hasPrefix("https://") {
            var message = "'\(name)' is a web address; sitegen reads a style from a file, never over the network: download the .csl file "
                + "into the site folder and give its path (citation-style: styles/\(builtInNamed ?? "my-style").csl)"
            if let builtInNamed { message += ", or use the built-in style of that name: citation-style: \(builtInNamed)" }
            throw Diagnostic.error(at: location, message)
        }
        guard name.hasSuffix(".csl") || name.contains("/") else {
            var message = "unknown citation style '\(name)'"
            // A style of that name in the site (`jama` for styles/jama.csl) before a built-in one it may mean.
            if let file = Self.siteStyle(near: name + ".csl", root: root, folders: ["", "styles"]) ?? Self.suggestion(for: name) {
                message += "; did you mean '\(file)'?"
            }
            message += " (built in: \(CSLBuiltins.styleNames.joined(separator: ", ")); another style is not built in: download its .csl"
                + " file into the site folder and give its path, citation-style: styles/\(name.lowercased()).csl)"
            throw Diagnostic.error(at: location, message)
        }
        let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : root.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            var message = "cannot read the citation style file '\(name)'"
            let folder = name.hasPrefix("/") ? nil : name.split(separator: "/").dropLast().joined(separator: "/")
            let file = String(name.split(separator: "/").last ?? "")
            if let folder, let near = Self.siteStyle(near: file.hasSuffix(".csl") ? file : file + ".csl", root: root, folders: [folder]) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; give a path relative to the site folder, or a built-in style name"
                if let builtInNamed { message += " ('\(builtInNamed)' is built in: citation-style: \(builtInNamed))" }
            }
            throw Diagnostic.error(at: location, message)
        }
        var style = try read(text, path: name)
        var key = name + "\u{0}" + text
        // The file whose citation and bibliography print: the style's, or its parent's.
        var (layoutPath, layoutText) = (name, text)
        if let parent = style.parent {
            // A dependent style: the parent's citation and bibliography, the dependent's locale if it names one.
            let parentName = String(parent.split(separator: "/").last ?? "")
            let beside = url.deletingLastPathComponent().appendingPathComponent(parentName + ".csl")
            let parentStyle: CSLStyle
            if let parentText = try? String(contentsOf: beside, encoding: .utf8) {
                layoutPath = (name.split(separator: "/").dropLast() + [Substring(parentName + ".csl")]).joined(separator: "/")
                layoutText = parentText
                parentStyle = try read(parentText, path: layoutPath)
                key += "\u{0}" + parentText
            } else if let builtIn = CSLBuiltins.styles[parentName] {
                (layoutPath, layoutText) = ("<built-in>/\(parentName).csl", builtIn)
                parentStyle = try read(builtIn, path: layoutPath)
            } else {
                let (line, column) = XMLReader.location(of: style.parentOffset ?? 0, in: text)
                throw Diagnostic.error(
                    at: SourceLocation(path: name, line: line, column: column),
                    "'\(name)' is a dependent style whose parent '\(parent)' is neither built in nor beside it; put \(parentName).csl next to it")
            }
            let locale = style.defaultLocale ?? parentStyle.defaultLocale
            style = parentStyle
            style.defaultLocale = locale
        }
        if style.class == .note {
            throw Diagnostic.error(
                at: location, "'\(name)' is a note style (citations in footnotes), which sitegen does not print; choose an in-text style such as vancouver or apa")
        }
        var loaded = CitationStyle(name: name, style: style, language: language, key: key)
        // pandoc prints such a term as nothing too; the style file is told where it asks for it.
        for (term, offset) in style.ownTermUses.sorted(by: { $0.value < $1.value }) where !loaded.processor.definesTerm(term) {
            let (line, column) = XMLReader.location(of: offset, in: layoutText)
            let locale = loaded.processor.language, primary = locale.prefix { $0 != "-" }
            loaded.warnings.append(.warning(
                at: SourceLocation(path: layoutPath, line: line, column: column),
                "the term '\(term)' prints nothing in \(locale): it is no term of CSL's, and no <locale> of the style for this language defines"
                    + " it; add <term name=\"\(term)\"> to a <locale xml:lang=\"\(primary)\"> of the style, or to one without xml:lang for every language"))
        }
        return loaded
    }

    /// The site's `.csl` file in one of the folders (site-relative) whose name is `file` but for a letter or two or
    /// its case (`styles/hous.csl`, `styles/House.csl`): its site-relative path.
    private static func siteStyle(near file: String, root: URL, folders: [String]) -> String? {
        var paths: [String: String] = [:]
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? root.path : root.appendingPathComponent(folder).path)) ?? []
            for name in names where name.lowercased().hasSuffix(".csl") { paths[name] = folder.isEmpty ? name : folder + "/" + name }
        }
        return Suggestion.nearest(to: file, among: paths.keys).flatMap { paths[$0] }
    }

    /// The built-in style an unknown name most likely means: one a letter or two away (`vancover`; a letter for a name
    /// of five or fewer: `jama` is no typo of `apa`), one whose words' initials it is (`ama`, `nejm`; `the` and `of`
    /// aside) or whose name its words' initials are (`American Psychological Association`), one that holds it or a
    /// word of it (`APA 7th`: `apa`; `harvard1`: `harvard-cite-them-right`), or one with a word a letter from one of it
    /// (`harvrd`). Words many styles' names share (`association`, `journal`) name none: `modern-language-association`
    /// is not the AMA's.
    static func suggestion(for name: String) -> String? {
        let lowered = name.lowercased()
        func initials(_ style: String) -> String {
            String(style.split(separator: "-").filter { $0 != "the" && $0 != "of" }.compactMap(\.first))
        }
        if let style = CSLBuiltins.styleNames.first(where: { initials($0) == lowered }) { return style }
        // The name's words, cut where there is no letter (`harvard1`, `AMA 11th`: an edition).
        let allWords = lowered.split(whereSeparator: { !$0.isLetter }).map(String.init)
        let written = String(allWords.filter { $0 != "the" && $0 != "of" }.compactMap(\.first))
        if allWords.count > 1, let style = CSLBuiltins.styleNames.first(where: { $0 == written || initials($0) == written }) { return style }
        if let nearest = Suggestion.nearest(to: name, among: CSLBuiltins.styleNames),
            name.count > 5 || Suggestion.editDistance(Array(lowered), Array(nearest)) <= 1
        {
            return nearest
        }
        let words = allWords.filter { $0.count >= 3 && !Self.sharedWords.contains($0) }
        for word in [lowered] + words {
            if let style = CSLBuiltins.styleNames.first(where: { $0 == word || initials($0) == word }) { return style }
            if let style = CSLBuiltins.styleNames.first(where: { $0.split(separator: "-").contains(Substring(word)) }) { return style }
        }
        if let style = CSLBuiltins.styleNames.first(where: { $0.contains(lowered) }) { return style }
        // A word of a style mistyped (`harvrd`).
        return CSLBuiltins.styleNames.first { style in
            let styleWords = style.split(separator: "-").map(String.init).filter { $0.count >= 5 && !Self.sharedWords.contains($0) }
            return words.contains { word in word.count >= 5 && styleWords.contains { Suggestion.editDistance(Array(word), Array($0)) <= 1 } }
        }
    }

    /// Words of many styles' names, which tell none apart.
    private static let sharedWords: Set = [
        "american", "association", "journal", "medical", "medicine", "society", "style", "author", "date", "citation", "sequence",
        "cite", "them", "right", "new", "and", "one", "edition",
    ]

    /// A style file's text as a style, its errors at their place in the file.
    private static func read(_ text: String, path: String) throws(Diagnostic) -> CSLStyle {
        let root: CSL.XMLElement
        do {
            root = try XMLReader.read(text)
        } catch {
            throw Diagnostic.error(at: SourceLocation(path: path, line: error.line, column: error.column), "not a CSL style: \(error.message)")
        }
        do {
            return try CSLStyle(root)
        } catch {
            let (line, column) = XMLReader.location(of: error.offset, in: text)
            throw Diagnostic.error(at: SourceLocation(path: path, line: line, column: column), error.message)
        }
    }

    /// The built-in locales a style in `language` may look terms up in: the language's (any dialect) and `en-US`,
    /// the fallback; each read once, when first needed.
    static func locales(for language: String) -> [String: CSLLocale] {
        let primary = language.prefix { $0 != "-" }.lowercased()
        let names = CSLBuiltins.locales.keys.filter { $0 == "en-US" || $0.lowercased() == primary || $0.lowercased().hasPrefix(primary + "-") }
        return parsedLocales.withLock { parsed in
            var locales: [String: CSLLocale] = [:]
            for name in names {
                if parsed[name] == nil, let text = CSLBuiltins.locales[name] {
                    // The built-in files are checked by the tests: one that did not read would be a defect of the build.
                    parsed[name] = (try? XMLReader.read(text)).flatMap { try? CSLLocale($0) }
                }
                if let locale = parsed[name] ?? nil { locales[locale.language ?? name] = locale }
            }
            return locales
        }
    }

    private static let parsedLocales = Mutex<[String: CSLLocale?]>([:])
}

extension CitationStyle {
    /// An entry of a numeric style's bibliography, printed on its own (its number is the page's to print): as text,
    /// and as HTML with the title linked to the source.
    public func entry(_ reference: Reference) -> FormattedReference {
        formatted(processor.entry(reference.cslItem))
    }

    /// An entry's text as text and HTML, without the number a numeric style puts in the margin; another style's margin
    /// (a label style's `[Doe65]`) starts the text, a space after it, as pandoc prints it.
    func formatted(_ texts: [CSLText]) -> FormattedReference {
        var texts = texts
        var margin: [CSLText] = []
        if case .styled(.display("left-margin"), let children) = texts.first {
            texts.removeFirst()
            if !isNumeric { margin = children }
        }
        // The text beside the margin without its display, but in a styling that prints nothing (pandoc prints a nocase
        // span so): pandoc's citeproc moves a comma or period into a quote there once, as in any styled run, where an
        // entry's own text takes a second one in too (Vancouver's `Ends "word",` and its period: “word,”.).
        if texts.count == 1, case .styled(.display("right-inline"), let children) = texts[0] { texts = [.styled(.nocase, children)] }
        if !margin.isEmpty {
            let spaced = processor.plainText(margin).last?.isWhitespace == true || processor.plainText(texts).first?.isWhitespace == true
            texts = margin + (spaced ? [] : [.text(" ")]) + texts
        }
        return FormattedReference(text: processor.readableText(texts).trimmingWhitespace, html: rightToLeftWhereItsWordsAre(processor.html(texts, escaping: .named).trimmingWhitespace))
    }

    /// The HTML of a citation or an entry, which the page reads in the direction of its first letter (`unicode-bidi:
    /// plaintext`, so that an English entry keeps its words' order on a page written from the right): under a locale
    /// written from the right, one that holds a letter of it begins with a right-to-left mark, or "García-Pérez ואחרים,
    /// 2019" would read from the left, its year before the locale's "et al.".
    func rightToLeftWhereItsWordsAre(_ html: String) -> String {
        readsRightToLeft && TextDirection.holdsRightToLeftLetters(html) ? TextDirection.rightToLeftMark + html : html
    }
}
