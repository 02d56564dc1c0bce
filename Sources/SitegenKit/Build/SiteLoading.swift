import Foundation

/// Stage 1: the site folder's files, its settings (`sitegen.yml` and the command's options) and what a site
/// without articles or an address should hear.
struct SiteLoading: Sendable {
    let options: BuildOptions

    struct Output: Sendable {
        var source: SiteSource
        var settings: SiteSettings
        /// `sitegen.yml`'s text and the base URL in force: pages change when either does.
        var settingsKey: String
        /// The style citations and references are printed in.
        var style: CitationStyle
        /// The styles an article may choose instead, by name as `article-citation-styles` writes it.
        var articleStyles: [String: CitationStyle] = [:]
        var diagnostics: [Diagnostic]
    }

    /// - Throws: when the site folder cannot be read at all.
    func load(memo: inout BuildMemo) throws(Diagnostic) -> Output {
        let root = options.source
        try BuildPipeline.checkSiteFolder(root)
        let source: SiteSource
        if let listed = memo.listing, !memo.listingStale, !memo.stale.contains(SiteLayout.settings) {
            source = listed
        } else {
            source = try SiteSourceLoader().load(root: root)
            if memo.keeps {
                memo.listing = source
                memo.listedPaths = source.allPaths
                memo.listingStale = false
            }
        }
        var (settings, diagnostics) = SiteSettingsLoader().load(source.settingsText)
        // The site folder's own files and folders, listed once for the names sitegen does not read.
        let entries = FolderListing.entries(of: root.path)
        diagnostics += SiteSourceLoader.otherSettingsFiles(among: entries, hasSettings: source.settingsText != nil)
        diagnostics += SiteSourceLoader.otherToolsFolders(among: entries)
        diagnostics += SiteSourceLoader.linkedSourceFolders(among: entries, in: root)
        diagnostics += SiteSourceLoader.sourceFoldersThatAreFiles(among: entries)
        for (path, meant) in source.unread {
            diagnostics.append(.warning(at: .file(path), "this file is not read: \(meant)"))
        }
        if let baseURL = options.baseURL {
            switch SiteSettingsLoader.baseURL(baseURL) {
            case .success(let url): (settings.baseURL, settings.baseURLLocation) = (url, .option("--base-url"))
            case .failure(let problem): diagnostics.append(.error(at: .option("--base-url"), SiteSettingsLoader.baseURLMessage("--base-url", baseURL, problem)))
            }
        }
        // Where the base URL is given (the command line's, else sitegen.yml's), or sitegen.yml, where it would be.
        let baseURLLocation = settings.baseURLLocation ?? source.settingsText?.start ?? SourceLocation(path: SiteLayout.settings, line: 1, column: 1)
        if diagnostics.hasErrors {
            // A sitegen.yml that could not be read has no baseURL to warn about: its errors come first.
        } else if !settings.hasAbsoluteBaseURL {
            let message = options.baseURL != nil ? SiteSettingsLoader.relativeOptionWarning : SiteSettingsLoader.relativeURLsWarning
            diagnostics.append(.warning(at: baseURLLocation, message, code: .relativeBaseURL))
        } else if settings.hasPlaceholderBaseURL {
            let message = options.baseURL != nil ? SiteSettingsLoader.invalidHostWarning : SiteSettingsLoader.placeholderURLWarning
            diagnostics.append(.warning(at: baseURLLocation, message, code: .placeholderBaseURL))
        }
        // GitHub Pages serves a site with a `CNAME` at that host, at its root: a baseURL elsewhere makes every link and
        // address lead there instead. `Content/CNAME` is published at the root too, as a file beside the articles.
        let cname = (source.publicFiles + source.assets).first { $0.outputPath == "CNAME" }
        if settings.hasAbsoluteBaseURL, !settings.hasPlaceholderBaseURL, let cname,
            let text = try? String(contentsOf: root.appendingPathComponent(cname.path), encoding: .utf8)
        {
            diagnostics += CustomDomain.warnings(text, at: cname.path, settings: settings, isOption: settings.baseURLLocation == .option("--base-url"))
        }
        // One beside sitegen.yml, where a branch published as it is (or Jekyll) keeps it, is not published.
        if !source.publicFiles.contains(where: { $0.outputPath == "CNAME" }), entries.contains(where: { $0.name == "CNAME" && $0.kind == .file }) {
            diagnostics.append(CustomDomain.unpublishedWarning(at: "CNAME"))
        }
        let misnamed = SiteSourceLoader.misnamedFolders(in: root, entries: entries)
        for (found, meant) in misnamed {
            // Hugo's (or Zola's) output, `public/`, beside its settings and holding a home page: renamed, that old home
            // page would be published over sitegen's. Said as likely, with both ways: the folder may be the user's own.
            let tool = found == "public" && FileManager.default.fileExists(atPath: root.appendingPathComponent("public/index.html").path)
                ? entries.lazy.filter { $0.kind != .folder }.compactMap { SiteSourceLoader.otherTools[$0.name.lowercased()] }.first { $0.hasPrefix("Hugo") }
                : nil
            diagnostics.append(
                .warning(at: .file(found),
                    tool.map { tool in
                        "this folder is not read, and with \(tool)'s settings beside it, it is likely \(tool)'s built site (its output): if so,"
                            + " delete it (the files to publish as they are were in static/, and go in \(meant)/); if it holds files of yours"
                            + " to publish, rename it \(meant)/"
                    } ?? "this folder is not read: sitegen's is \(meant)/, with a capital letter; rename it"))
        }
        if source.articles.isEmpty, !misnamed.contains(where: { $0.meant == SiteLayout.content }) {
            diagnostics.append(.warning(at: SourceLocation(path: SiteLayout.content, line: 1, column: 1), "no Markdown articles found"))
        }
        // A style file is read where `citation-style` (or `article-citation-styles`) says, a link or not, as a path out of
        // the site is: the listing's "not read" would not be so. (An absolute path is the file system's, as it is read.)
        let styles = Set(([settings.citationStyle] + settings.articleCitationStyles.map(\.name)).map {
            $0.hasPrefix("/") ? $0 : SitePath.resolve($0, relativeTo: SiteLayout.settings)
        })
        memo.namedPaths.formUnion(styles)
        for link in source.skippedLinks where !styles.contains(link) {
            let folder = link.split(separator: "/").dropLast().joined(separator: "/") + "/"
            var message = "symbolic link not \(link.hasPrefix(SiteLayout.public + "/") ? "copied" : "read") (links are never followed"
                + " out of the site); put the file itself in \(folder)"
            if link.hasPrefix(SiteLayout.bibliography + "/") {
                // Better BibTeX's automatic export, say, kept in the reference manager's folder and linked here.
                message += " (a reference manager's automatic export can write it there)"
            }
            diagnostics.append(.warning(at: SourceLocation(path: link, line: 1, column: 1), message))
        }
        for path in source.keptNames {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let whose = SitePath.keeper(of: name) + (name.lowercased() == ".git" ? "" : ", which it would replace")
            diagnostics.append(.error(at: .file(path.hasSuffix("/") ? String(path.dropLast()) : path),
                "this \(path.hasSuffix("/") ? "folder" : "file") is not copied: \(name) is a name the output folder keeps for \(whose); rename it"))
        }
        for path in source.controlNames {
            let isFolder = path.hasSuffix("/"), name = path.dropLast(isFolder ? 1 : 0).split(separator: "/").last ?? ""
            let code = name.unicodeScalars.first(where: \.isControlCharacter)?.codePoint ?? ""
            diagnostics.append(.error(at: .file(isFolder ? String(path.dropLast()) : path),
                "this \(isFolder ? "folder" : "file")'s name holds a control character (\(code)), which no address or file name of a site should"
                    + " hold (printed, it breaks a log's lines or works the terminal); it is neither read nor published: rename it"))
        }
        var style = CitationStyle.vancouver
        // Without `language`, a style prints in its own locale, as pandoc prints without `lang`.
        let language = settings.values["language"] == nil ? "" : settings.language
        /// A style the settings name, with a warning at the setting for each thing it asks that sitegen does otherwise.
        func load(_ name: String, at location: SourceLocation) throws(Diagnostic) -> CitationStyle {
            let loaded = try CitationStyle.load(name, root: root, language: language, at: location)
            diagnostics += loaded.unsupported.map { .warning(at: location, $0) } + loaded.warnings
            return loaded
        }
        if settings.citationStyle != SiteSettings.defaultCitationStyle || !["", "en"].contains(language) {
            do throws(Diagnostic) {
                style = try load(settings.citationStyle, at: settings.values["citation-style"]?.location ?? .file(SiteLayout.settings))
            } catch {
                diagnostics.append(error)
            }
        }
        var articleStyles: [String: CitationStyle] = [:]
        for (name, location) in settings.articleCitationStyles where articleStyles[name] == nil {
            do throws(Diagnostic) {
                articleStyles[name] = name == settings.citationStyle ? style : try load(name, at: location)
            } catch {
                diagnostics.append(error)
            }
        }
        // A language sitegen has no locale of is said once, at `language`.
        if let fallback = ([style] + articleStyles.values).lazy.compactMap(\.localeFallback).first {
            diagnostics.append(.warning(at: settings.values["language"]?.location ?? .file(SiteLayout.settings), fallback))
        }
        let key = (source.settingsText?.text ?? "") + "\u{0}" + settings.baseURL
        return Output(source: source, settings: settings, settingsKey: key, style: style, articleStyles: articleStyles, diagnostics: diagnostics)
    }
}
