import Foundation
import Testing

@testable import SitegenKit
import TestSupport

/// `sitegen serve` rebuilds with a `PreviewBuilder` (the build's stages with a memo); after any sequence of edits
/// the preview folder must equal a full build of the same sources, byte for byte.
struct IncrementalBuildTests {
    /// A seeded generator, so a failing sequence can be replayed.
    typealias Generator = SeededGenerator

    /// The sources as a model; each edit changes it and rewrites the files it touched.
    struct Model {
        struct Entry { var title: String; var year: Int }
        struct Page { var title: String; var topic: String; var reviewed: Int; var paragraphs: [String]; var cites: [String]; var broken = false; var style: String?; var aliases: [String] = [] }
        var pages: [String: Page] = [:]
        var entries: [String: Entry] = [:]
        var siteTitle = "Answers"
        var citationStyle = "vancouver"
        var articleTemplate: String?
        var baseTemplate: String?
        var publicFiles: [String: String] = [:]
        var images: [String: String] = [:]
        var ownBibliography = "first"
        var introduction: String? = "Welcome [@a1]."

        func file(_ name: String) -> String? {
            guard let page = pages[name] else { return nil }
            if page.broken { return "---\ntitle: [unclosed\n---\n" }
            let markers = page.cites.map { "[@\($0)]" }.joined(separator: " ")
            var text = "---\ntitle: \"\(page.title)\"\nsummary: About \(page.title.lowercased())\ntopic: \(page.topic)\n"
            text += "reviewed: 2026-0\(page.reviewed)-15\nconfidence: moderate\n"
            if name == "own" { text += "bibliography: own.bib\n" }
            if let style = page.style { text += "citation-style: \(style)\n" }
            if !page.aliases.isEmpty { text += "aliases: [\(page.aliases.joined(separator: ", "))]\n" }
            text += "---\n" + page.paragraphs.joined(separator: "\n\n") + "\n\nEvidence \(markers).\n"
            if name == "own" { text += "\nAlso [@own1].\n" }
            return text
        }

        var bibliography: String {
            "[\n" + entries.keys.sorted().map { key in
                let entry = entries[key]!
                return #"{"id": "\#(key)", "type": "article-journal", "title": "\#(entry.title)", "container-title": "J Test", "issued": {"date-parts": [[\#(entry.year)]]}}"#
            }.joined(separator: ",\n") + "\n]\n"
        }
    }

    static let topics = ["Cardiology", "Oncology", "Neurology"]

    func write(_ model: Model, _ path: String, into site: TestSite) throws {
        let url = site.root.appendingPathComponent(path)
        let text: String?
        switch path {
        case "Content/bibliography/refs.json": text = model.bibliography
        // Two entries a page: edits move articles across the pages of the lists.
        case "sitegen.yml":
            text = "title: \(model.siteTitle)\nbaseURL: https://example.org/\npaginate: 2\nfeed: {limit: 2}\ncitation-style: \(model.citationStyle)\n"
                + "article-citation-styles: [apa, ieee]\n"
        case "Templates/article.mustache": text = model.articleTemplate
        case "Templates/base.mustache": text = model.baseTemplate
        case "Content/index.md": text = model.introduction.map { "---\ntitle: Home\n---\n\($0)\n" }
        case "Content/own.bib": text = "@article{own1, title = {Own \(model.ownBibliography)}, journal = {J}, year = 2024}\n"
        default:
            if path.hasPrefix("Public/") {
                text = model.publicFiles[String(path.dropFirst(7))]
            } else if path.hasSuffix(".png") {
                text = model.images[String(path.dropFirst(8))]
            } else {
                text = model.file(String(path.dropFirst(8).dropLast(3)))
            }
        }
        if let text { try site.write(path, text) } else { try? FileManager.default.removeItem(at: url) }
    }

    /// One random edit; returns what it did and the site paths it touched.
    func edit(_ model: inout Model, _ rng: inout Generator) -> (String, [String]) {
        // A page broken by the previous edit is fixed along with this one.
        let repaired = model.pages.filter(\.value.broken).map(\.key)
        for name in repaired { model.pages[name]?.broken = false }
        let (what, paths) = change(&model, &rng)
        return (what, paths + repaired.map { "Content/\($0).md" })
    }

    func change(_ model: inout Model, _ rng: inout Generator) -> (String, [String]) {
        let names = model.pages.keys.sorted()
        let keys = model.entries.keys.sorted()
        let name = names.randomElement(using: &rng) ?? "a"
        let articlePath = "Content/\(name).md"
        switch Int.random(in: 0..<16, using: &rng) {
        case 0:
            model.pages[name]?.paragraphs.append("More text \(rng.next() % 1000).")
            return ("edit body of \(name)", [articlePath])
        case 1:
            // A link to another article's Markdown file, which leads to its page while there is one ("late" comes and
            // goes with the edits that add and delete articles).
            let target = (names + ["late"]).randomElement(using: &rng)!
            model.pages[name]?.paragraphs.append("See [\(target)](\(target).md#top).")
            return ("link \(name) to \(target).md", [articlePath])
        case 2:
            if let key = keys.randomElement(using: &rng) { model.pages[name]?.cites.append(key) }
            return ("cite in \(name)", [articlePath])
        case 3:
            model.pages[name]?.title = "Question \(rng.next() % 100)?"
            model.pages[name]?.topic = Self.topics.randomElement(using: &rng)!
            model.pages[name]?.reviewed = Int.random(in: 1...9, using: &rng)
            // Old addresses come and go with it: their redirect pages too.
            model.pages[name]?.aliases = rng.next() % 2 == 0 ? [] : ["/old/\(name)/", "/was-\(name).html"]
            return ("retitle \(name)", [articlePath])
        case 4:
            let new = model.pages["late"] == nil && rng.next() % 2 == 0 ? "late" : "n\(rng.next() % 10_000)"
            model.pages[new] = .init(title: "New \(new)?", topic: "Oncology", reviewed: 3, paragraphs: ["Hello."], cites: keys.isEmpty ? [] : [keys[0]])
            return ("add \(new)", ["Content/\(new).md"])
        case 5 where model.pages.count > 2 && name != "own":
            model.pages[name] = nil
            return ("delete \(name)", [articlePath])
        case 6:
            if let key = keys.randomElement(using: &rng) { model.entries[key]?.title = "Retitled \(rng.next() % 100)" }
            return ("edit entry", ["Content/bibliography/refs.json"])
        case 7:
            model.entries["k\(rng.next() % 1000)"] = .init(title: "Added", year: 2020)
            return ("add entry", ["Content/bibliography/refs.json"])
        case 8:
            model.articleTemplate = model.articleTemplate == nil
                ? "{{<base}}{{$main}}<h1>{{title}}</h1>{{{body}}}<ol>{{#references}}<li id=\"{{id}}\">{{{html}}}</li>{{/references}}</ol>{{/main}}{{/base}}\n"
                : nil
            return ("toggle article template", ["Templates/article.mustache"])
        case 9:
            model.baseTemplate = model.baseTemplate == nil
                ? "<!DOCTYPE html><title>{{site.title}}</title><main>{{$main}}{{/main}}</main>\n" : nil
            return ("toggle base template", ["Templates/base.mustache"])
        case 10:
            if rng.next() % 3 == 0 {
                let style = [nil, "apa", "ieee"].randomElement(using: &rng)!
                model.pages[name]?.style = style
                return ("article style \(style ?? "of the site") in \(name)", [articlePath])
            }
            if rng.next() % 2 == 0 {
                model.citationStyle = ["vancouver", "apa", "ieee", "chicago-author-date"].randomElement(using: &rng)!
                return ("citation style \(model.citationStyle)", ["sitegen.yml"])
            }
            model.siteTitle = "Answers \(rng.next() % 10)"
            return ("retitle site", ["sitegen.yml"])
        case 11:
            let file = ["robots.txt", "img/logo.svg", "assets/sitegen.css"].randomElement(using: &rng)!
            model.publicFiles[file] = model.publicFiles[file] == nil ? "v\(rng.next() % 100)" : (Bool.random(using: &rng) ? nil : "w\(rng.next() % 100)")
            return ("public \(file)", ["Public/" + file])
        case 12:
            let image = "chart\(rng.next() % 2).png"
            model.images[image] = model.images[image] == nil ? "PNG\(rng.next() % 9)" : nil
            return ("image \(image)", ["Content/" + image])
        case 13:
            model.pages[name]?.broken = true
            return ("break \(name)", [articlePath])
        case 14:
            model.introduction = model.introduction == nil ? "Welcome \(rng.next() % 100) [@a1]." : nil
            return ("toggle introduction", ["Content/index.md"])
        default:
            model.ownBibliography = "v\(rng.next() % 100)"
            return ("edit own.bib", ["Content/own.bib"])
        }
    }

    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return files }
        // The preview folder is sitegen's own; only an output folder carries the marker.
        for case let url as URL in enumerator where !url.hasDirectoryPath && url.lastPathComponent != OutputClaim.markerName {
            files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test(arguments: [1, 2, 3])
    func previewEqualsAFullBuildAfterEveryEdit(seed: UInt64) async throws {
        var rng = Generator(state: seed)
        var model = Model()
        model.entries = ["a1": .init(title: "Alpha", year: 2019), "b2": .init(title: "Beta", year: 2021), "c3": .init(title: "Gamma", year: 2022)]
        for (index, name) in ["a", "b", "c", "own"].enumerated() {
            model.pages[name] = .init(title: "Question \(name)?", topic: Self.topics[index % 3], reviewed: index + 1, paragraphs: ["Start."], cites: ["a1"])
        }
        let site = try TestSite([:])
        defer { site.remove() }
        for path in ["sitegen.yml", "Content/bibliography/refs.json", "Content/own.bib", "Content/index.md"] + model.pages.keys.map({ "Content/\($0).md" }) {
            try write(model, path, into: site)
        }
        let options = BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)
        let preview = site.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        var partial = 0, failures = 0, small = 0, edits = 0
        for step in 0..<120 {
            let (what, paths) = step == 0 ? ("first build", []) : edit(&model, &rng)
            for path in paths { try write(model, path, into: site) }
            let rebuilt = await builder.rebuild(changed: Set(paths))
            let full = await BuildPipeline(options).run()
            // (A full build over its previous output says which of its pages went away; a preview has no such output.)
            let fullDiagnostics = full.diagnostics.filter { $0.location.path != options.output.path }
            #expect(rebuilt.diagnostics.map(\.description) == fullDiagnostics.map(\.description), "step \(step): \(what)")
            guard !rebuilt.diagnostics.hasErrors else {
                failures += 1
                continue
            }
            let expected = try snapshot(options.output)
            let actual = try snapshot(preview)
            #expect(Set(actual.keys) == Set(expected.keys), "step \(step): \(what)")
            for (path, data) in expected where actual[path] != data {
                Issue.record("step \(step) (\(what)): \(path) differs from the full build")
            }
            if rebuilt.statistics.articlesRendered < model.pages.count { partial += 1 }
            if rebuilt.statistics.pagesRendered <= 6 { small += 1 }
            if rebuilt.statistics.editedArticlesOnly { edits += 1 }
        }
        // The sequence exercised failures, and most rebuilds re-rendered only part of the site.
        print("seed \(seed): \(failures) failed builds, \(partial) partial rebuilds, \(small) rebuilds of 6 pages or fewer, \(edits) patching the edited articles into each stage's previous output, of 120")
        #expect(failures > 0)
        #expect(partial > 40)
        // Edits to one article's text made its page again, and the list pages only when what they show changed.
        #expect(small > 15)
        // Saves to articles alone took the stages' edit path (`ArticleLoading.patch` and the stages after it).
        #expect(edits > 15)
    }

    @Test func anEditedArticleRerendersItselfAndTheListPagesOnly() async throws {
        let site = try TestSite([
            "Content/a.md": article("A?", "Alpha.\n", extra: "topic: X\nreviewed: 2026-01-01\n"),
            "Content/b.md": article("B?", "Beta.\n", extra: "topic: X\nreviewed: 2026-01-01\n"),
            "Content/c.md": article("C?", "Gamma.\n", extra: "topic: Y\nreviewed: 2026-01-01\n"),
        ])
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Preview").path))
        var rebuilt = await builder.rebuild()
        #expect(rebuilt.statistics.articlesRendered == 3)

        try site.write("Content/a.md", article("A?", "Alpha changed.\n", extra: "topic: X\nreviewed: 2026-01-01\n"))
        rebuilt = await builder.rebuild(changed: ["Content/a.md"])
        #expect(rebuilt.statistics.filesRead == 1)
        #expect(rebuilt.statistics.articlesParsed == 1)
        #expect(rebuilt.statistics.articlesRendered == 1)
        // Its title did not change: no list page did. Its search record did (written with its page), and the index's
        // fragments of the word it gained ("chang": by its first letters and by its ending), which the list of
        // fragments names; "alpha"'s scores are the same.
        #expect(rebuilt.statistics.pagesRendered == 4)
        #expect(rebuilt.written == ["a/index.html", "search/d/0.json", "search/e/g.json", "search/index.json", "search/t/ch.json"])

        try site.write("Content/b.md", article("B renamed?", "Beta.\n", extra: "topic: X\nreviewed: 2026-01-01\n"))
        rebuilt = await builder.rebuild(changed: ["Content/b.md"])
        #expect(Set(rebuilt.written.filter { !$0.hasPrefix("search/") }) == ["b/index.html", "index.html", "topics/x/index.html", "feed.xml", "topics/x/feed.xml"])
        #expect(Set(rebuilt.written.filter { $0.hasPrefix("search/") }) == ["search/index.html", "search/d/1.json", "search/index.json", "search/t/re.json", "search/e/m.json"])

        try site.write("Templates/topic.mustache", "{{<base}}{{$main}}<h1>{{name}}</h1>{{/main}}{{/base}}")
        rebuilt = await builder.rebuild(changed: ["Templates/topic.mustache"])
        #expect(rebuilt.statistics.articlesRendered == 0)
        #expect(Set(rebuilt.written) == ["topics/x/index.html", "topics/y/index.html"])
    }

    /// Whether the site has a feed is in every page (its head's link and the footer's): a save that dates the first
    /// answer, or takes the last date away, makes every page again, though it is a save to one article, and the preview
    /// is the full build's, with `feed.xml` or without.
    @Test func theFirstReviewDateAndTheLastOneGoneRenderEveryPage() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Answers\nbaseURL: https://example.org/\npaginate: 1\n",
            "Content/index.md": article("Welcome", "Hello.\n"),
            "Content/a.md": article("A?", "Alpha.\n", extra: "topic: X\n"),
            "Content/b.md": article("B?", "Beta.\n", extra: "topic: Y\n"),
            "Content/c.md": article("C?", "Gamma.\n", extra: "topic: Y\n"),
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview"), full = site.root.appendingPathComponent("Full")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        #expect(await builder.rebuild().diagnostics.filter(\.isError).isEmpty)
        for (reviewed, hasFeed) in [("reviewed: 2026-01-01\n", true), ("", false), ("reviewed: 2026-02-01\n", true), ("", false)] {
            try site.write("Content/b.md", article("B?", "Beta.\n", extra: "topic: Y\n" + reviewed))
            let rebuilt = await builder.rebuild(changed: ["Content/b.md"])
            #expect(rebuilt.diagnostics.filter(\.isError).isEmpty)
            #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: full.path)).run().diagnostics.hasErrors))
            let expected = try snapshot(full)
            #expect((expected["/feed.xml"] != nil) == hasFeed, "\(reviewed)")
            #expect(try snapshot(preview) == expected, "\(reviewed)")
            // Every article's page and every list page, not only those that show b.
            #expect(Set(["a/index.html", "c/index.html", "index.html", "404.html", "topics/x/index.html"]).isSubset(of: rebuilt.written), "\(reviewed)")
        }
    }

    /// A list's entry has its article's own `extra` and `tags`, never the page's around it (the home page's
    /// introduction's), and none of an article page's keys (`body`, `sourcePath`); a blank value is false. An edit
    /// of an article's `extra` renders the lists again.
    @Test func aListEntryHasItsOwnExtraAndAnEditOfItRendersTheListsAgain() async throws {
        let entry = "{{#articles}}[{{title}}|{{extra.badge}}|{{#tags}}{{.}};{{/tags}}|{{sourcePath}}|{{#extra.off}}ON{{/extra.off}}|{{{body}}}]{{/articles}}"
        let site = try TestSite([
            "Content/index.md": "---\ntitle: Home\nextra: {badge: HOME}\ntags: [home]\n---\nWelcome.\n",
            "Content/a.md": article("A?", "Alpha.\n", extra: "extra: {badge: ALPHA, off: ''}\ntags: [x, y]\n"),
            "Content/b.md": article("B?", "Beta.\n", extra: "extra: {off: ~}\n"),
            "Templates/home.mustache": "{{<base}}{{$main}}\(entry){{/main}}{{/base}}\n",
        ])
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Preview").path))
        _ = await builder.rebuild()
        func home() throws -> String { try String(contentsOf: site.root.appendingPathComponent("Preview/index.html"), encoding: .utf8) }
        #expect(try home().contains("[A?|ALPHA|x;y;|||]"))
        #expect(try home().contains("[B?|||||]"))
        try site.write("Content/b.md", article("B?", "Beta.\n", extra: "extra: {badge: BETA, off: 'yes'}\n"))
        _ = await builder.rebuild(changed: ["Content/b.md"])
        #expect(try home().contains("[B?|BETA|||ON|]"))
    }

    /// The built-in templates read the site's words when they are compiled: a preview whose `words:` change, the templates
    /// not, compiles them again, and every page says the new words.
    @Test func aChangeOfTheSitesWordsReachesTheBuiltInTemplates() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nlanguage: de\nwords: {skipLink: Zum Inhalt}\n",
            "Content/a.md": article("A?", "Alpha.\n"),
        ])
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Preview").path))
        _ = await builder.rebuild()
        func page() throws -> String { try String(contentsOf: site.root.appendingPathComponent("Preview/a/index.html"), encoding: .utf8) }
        #expect(try page().contains(##"href="#main">Zum Inhalt</a>"##))
        try site.write("sitegen.yml", "title: T\nlanguage: de\nwords: {siteNavigation: Navigation}\n")
        _ = await builder.rebuild(changed: ["sitegen.yml"])
        // The word no longer given is English again, and marked so.
        #expect(try page().contains(##"href="#main" lang="en">Skip to main content</a>"##))
    }

    /// An article rendered by a build that failed (here on a template) has neither its page nor its search record
    /// written; the next good build writes both, though the article itself did not change again.
    @Test func theRecordOfAnArticleRenderedByAFailedBuildIsWrittenByTheNextGoodOne() async throws {
        let site = try TestSite([
            "Content/a.md": article("A?", "Alpha.\n", extra: "topic: X\n"),
            "Content/b.md": article("B?", "Beta.\n", extra: "topic: X\n"),
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        _ = await builder.rebuild()
        try site.write("Content/a.md", article("A?", "Alpha changed.\n", extra: "topic: X\n"))
        try site.write("Templates/topic.mustache", "{{#name}}")
        #expect(await builder.rebuild(changed: ["Content/a.md", "Templates/topic.mustache"]).diagnostics.hasErrors)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Templates/topic.mustache"))
        let fixed = await builder.rebuild(changed: ["Templates/topic.mustache"])
        #expect(!fixed.diagnostics.hasErrors, "\(fixed.diagnostics)")
        #expect(try String(contentsOf: preview.appendingPathComponent("search/d/0.json"), encoding: .utf8).contains("Alpha changed."))
        #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)).run().diagnostics.hasErrors))
        #expect(try snapshot(preview) == snapshot(site.root.appendingPathComponent("Full")))
    }

    /// A change every page takes (the site's title, the article template) saved while an article or the bibliography is
    /// broken: the failed build renders no page, and the build after the fix rendered only the fixed article and the
    /// lists, the other articles' pages keeping the old title (their inputs were recorded as those of the failed build).
    @Test(arguments: [
        ("Content/a.md", "sitegen.yml"), ("Content/a.md", "Templates/article.mustache"), ("Content/a.md", "Content/bibliography/refs.json"),
        ("Content/bibliography/refs.json", "sitegen.yml"),
    ])
    func aChangeSavedWhileAFileIsBrokenReachesEveryPage(broken: String, changed: String) async throws {
        let entry = { (title: String) in #"[{"id": "k", "type": "article-journal", "title": "\#(title)", "container-title": "J", "issued": {"date-parts": [[2020]]}}]"# }
        let site = try TestSite([
            "Content/a.md": article("A?", "Alpha [@k].\n", extra: "topic: X\n"),
            "Content/b.md": article("B?", "Beta [@o].\n", extra: "topic: X\n"),
            "Content/bibliography/refs.json": entry("Kept"),
            "Content/bibliography/other.bib": "@article{o, title = {Other}, journal = {J}, year = 2021}\n",
            "sitegen.yml": "baseURL: https://example.org/\ntitle: Old name\n",
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        #expect(!(await builder.rebuild()).diagnostics.hasErrors)
        let good = try String(contentsOf: site.root.appendingPathComponent(broken), encoding: .utf8)
        try site.write(broken, broken.hasSuffix(".md") ? good.replacing("title: ", with: "title: [unclosed ") : String(good.prefix(20)))
        #expect(await builder.rebuild(changed: [broken]).diagnostics.hasErrors)
        switch changed {
        case "sitegen.yml": try site.write(changed, "baseURL: https://example.org/\ntitle: New name\n")
        case "Templates/article.mustache": try site.write(changed, "<p class=\"new\">{{title}}</p>{{{body}}}{{#references}}{{{html}}}{{/references}}")
        default: try site.write(changed, entry("Changed"))
        }
        #expect(await builder.rebuild(changed: [changed]).diagnostics.hasErrors)
        try site.write(broken, good)
        let fixed = await builder.rebuild(changed: [broken])
        #expect(!fixed.diagnostics.hasErrors, "\(fixed.diagnostics)")
        #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)).run().diagnostics.hasErrors))
        #expect(try snapshot(preview) == snapshot(site.root.appendingPathComponent("Full")))
    }

    /// A site-wide bibliography file broken (an entry cut off) and then put back as it was: the rebuild after the fix
    /// builds the site, as a full build does. It kept failing: reading the file took it off the changed paths before
    /// the build asked whether only articles changed, so the failed build's bibliography was kept.
    @Test(arguments: [false, true])
    func aBibliographyBrokenAndPutBackBuilds(changedTitle: Bool) async throws {
        let bib = "@article{k, title = {Kept}, journal = {J}, year = 2020}\n\n@article{m,\n  title = {More},\n  journal = {J},\n  year = 2021\n}\n"
        let site = try TestSite([
            "Content/a.md": article("A?", "Alpha [@k].\n", extra: "topic: X\n"),
            "Content/b.md": article("B?", "Beta [@m].\n", extra: "topic: X\n"),
            "Content/bibliography/refs.bib": bib,
            // (No warning at a sitegen.yml that is not there, which would have the site listed again.)
            "sitegen.yml": "baseURL: https://example.org/\n",
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        #expect(!(await builder.rebuild()).diagnostics.hasErrors)
        try site.write("Content/bibliography/refs.bib", String(bib.prefix(80)))
        #expect(await builder.rebuild(changed: ["Content/bibliography/refs.bib"]).diagnostics.hasErrors)
        try site.write("Content/bibliography/refs.bib", changedTitle ? bib.replacing("Kept", with: "Kept, changed") : bib)
        let fixed = await builder.rebuild(changed: ["Content/bibliography/refs.bib"])
        #expect(!fixed.diagnostics.hasErrors, "\(fixed.diagnostics)")
        #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)).run().diagnostics.hasErrors))
        #expect(try snapshot(preview) == snapshot(site.root.appendingPathComponent("Full")))
    }

    /// An article's own entry whose key the site-wide file defines otherwise is a warning at its citation: a rebuild
    /// after either file made the two alike, or apart again, says what a full build says (the article is rendered again).
    @Test func anOwnEntryDefinedOtherwiseSiteWideIsSaidAsAFullBuildSaysIt() async throws {
        let entry = { (title: String) in "@article{k, title = {\(title)}, journal = {J}, year = 2020}\n" }
        let site = try TestSite([
            "Content/a.md": article("A?", "Alpha [@k].\n", extra: "topic: X\nbibliography: refs.bib\n"),
            "Content/refs.bib": entry("Kept"),
            "Content/bibliography/refs.bib": entry("Kept"),
            "sitegen.yml": "baseURL: https://example.org/\n",
        ])
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Preview").path))
        #expect(await builder.rebuild().diagnostics.isEmpty)
        for (path, title, warns) in [
            ("Content/bibliography/refs.bib", "Kept, corrected", true), ("Content/refs.bib", "Kept, corrected", false),
            ("Content/refs.bib", "Kept", true), ("Content/bibliography/refs.bib", "Kept", false),
        ] {
            try site.write(path, entry(title))
            let rebuilt = await builder.rebuild(changed: [path]).diagnostics.map(\.description)
            let full = await BuildPipeline(BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)).run()
            #expect(rebuilt == full.diagnostics.map(\.description), "\(path): \(title)")
            #expect(rebuilt.map { $0.hasPrefix("Content/a.md:6:8: warning: 'k' is the entry at Content/refs.bib:1:1") } == (warns ? [true] : []),
                "\(path): \(title): \(rebuilt)")
        }
    }

    /// `sitegen.yml` broken (a tab in an indentation) and then put back: the failed build rendered the articles' search
    /// entries without the site's synonyms, and the build after the fix kept them (its inputs equal to the last good
    /// build's), so the search index lacked the synonyms' fragments.
    @Test func settingsBrokenAndPutBackBuildTheSearchIndexAgain() async throws {
        let settings = "baseURL: https://example.org/\nsearch:\n  synonyms:\n    - [heart attack, myocardial infarction]\nnav:\n  - {title: About, url: /a/}\n"
        let site = try TestSite([
            "Content/a.md": article("A?", "A heart attack [@k].\n", extra: "topic: X\n"),
            "Content/bibliography/refs.bib": "@article{k, title = {Kept}, journal = {J}, year = 2020}\n",
            "sitegen.yml": settings,
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        #expect(!(await builder.rebuild()).diagnostics.hasErrors)
        try site.write("sitegen.yml", settings.replacing("nav:\n", with: "nav:\n\t- oops\n"))
        #expect(await builder.rebuild(changed: ["sitegen.yml"]).diagnostics.hasErrors)
        try site.write("sitegen.yml", settings)
        #expect(!(await builder.rebuild(changed: ["sitegen.yml"])).diagnostics.hasErrors)
        #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)).run().diagnostics.hasErrors))
        #expect(try snapshot(preview) == snapshot(site.root.appendingPathComponent("Full")))
    }

    /// A folder made with an article in it at once (`mkdir` and a save, a folder moved in): the watcher reports the
    /// folder and the file, and the rebuild publishes the article, as a full build does.
    @Test func anArticleInANewFolderIsPublished() async throws {
        let site = try TestSite([
            "Content/a.md": article("A?", "Alpha.\n", extra: "topic: X\n"),
            "sitegen.yml": "baseURL: https://example.org/\n",
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        #expect(!(await builder.rebuild()).diagnostics.hasErrors)
        try site.write("Content/dermatology/new.md", article("New?", "Text.\n", extra: "topic: Dermatology\n"))
        let result = await builder.rebuild(changed: ["Content/dermatology", "Content/dermatology/new.md"], everything: true)
        #expect(!result.diagnostics.hasErrors && result.written.contains("dermatology/new/index.html"), "\(result.written)")
        #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)).run().diagnostics.hasErrors))
        #expect(try snapshot(preview) == snapshot(site.root.appendingPathComponent("Full")))
    }

    /// A file of `Public/` stands in for a page of the same path (robots.txt, an article's page); once it is removed,
    /// the next rebuild writes the page again, though nothing the page shows changed.
    @Test func aPageAPublicFileStoodInForIsWrittenWhenTheFileGoes() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/a.md": article("A?", "Alpha.\n"),
            "Public/robots.txt": "User-agent: *\nDisallow: /\n",
            "Public/a/index.html": "<p>static</p>\n",
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        _ = await builder.rebuild()
        #expect(try String(contentsOf: preview.appendingPathComponent("robots.txt"), encoding: .utf8).contains("Disallow"))
        for path in ["Public/robots.txt", "Public/a/index.html"] { try FileManager.default.removeItem(at: site.root.appendingPathComponent(path)) }
        #expect(!(await builder.rebuild(changed: ["Public/robots.txt", "Public/a/index.html"])).diagnostics.hasErrors)
        #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)).run().diagnostics.hasErrors))
        #expect(try String(contentsOf: preview.appendingPathComponent("robots.txt"), encoding: .utf8).contains("Sitemap: https://example.org/sitemap.xml"))
        #expect(try snapshot(preview) == snapshot(site.root.appendingPathComponent("Full")))
    }

    /// A save to an article that changes more than the article itself (its layout, whether it is a draft, the
    /// bibliography files it names) or brings diagnostics is not patched into the stages' previous outputs: the
    /// rebuild says and writes what a full build does.
    @Test(arguments: [
        ("layout: fancy\n", "no template named 'fancy'"),
        ("draft: true\n", nil),
        ("bibliography: refs.bib\n", nil),
        ("tags: oops\n", "'tags' must be a list of strings"),
    ] as [(String, String?)])
    func aSaveThatChangesMoreThanItsArticleIsBuiltInFull(extra: String, error: String?) async throws {
        let site = try TestSite([
            "Content/a.md": article("A?", "Alpha.\n", extra: "topic: X\n"),
            "Content/b.md": article("B?", "Beta.\n", extra: "topic: X\n"),
            "Content/refs.bib": "@article{k, title = {T}, journal = {J}, year = 2020}\n",
            "sitegen.yml": "baseURL: https://example.org/\n",
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        _ = await builder.rebuild()
        try site.write("Content/a.md", article("A?", "Alpha [@k].\n", extra: "topic: X\n" + extra))
        let rebuilt = await builder.rebuild(changed: ["Content/a.md"])
        let full = await BuildPipeline(BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Full").path)).run()
        #expect(!rebuilt.statistics.editedArticlesOnly)
        #expect(rebuilt.diagnostics.map(\.description) == full.diagnostics.map(\.description))
        if let error {
            #expect(rebuilt.diagnostics.contains { $0.isError && $0.message.hasPrefix(error) }, "\(rebuilt.diagnostics)")
        } else {
            #expect(!rebuilt.diagnostics.hasErrors, "\(rebuilt.diagnostics)")
            #expect(try snapshot(preview) == snapshot(site.root.appendingPathComponent("Full")))
        }
    }

    /// A link to a folder (`../b/`) leads to a page only while one is there (`Content/b/index.md`, `Content/b.md`): its
    /// article is written again when that page comes or goes, as a full build writes it (`../../b/` from `a/one/` while
    /// `/b/` is a page, as written otherwise).
    @Test(arguments: ["Content/b/index.md", "Content/b.md"])
    func aFolderLinkIsWrittenAgainWhenTheFolderPageComesOrGoes(folderPage: String) async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/a/one.md": article("One?", "See [the b folder](../b/).\n"),
            "Content/b/two.md": article("Two?", "Two.\n"),
        ])
        defer { site.remove() }
        let preview = site.root.appendingPathComponent("Preview"), full = site.root.appendingPathComponent("Full")
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: preview.path))
        #expect(!(await builder.rebuild()).diagnostics.hasErrors)
        for (step, exists) in [("added", true), ("removed", false)] {
            if exists {
                try site.write(folderPage, article("B folder", "B.\n"))
            } else {
                try FileManager.default.removeItem(at: site.root.appendingPathComponent(folderPage))
            }
            #expect(!(await builder.rebuild(changed: [folderPage])).diagnostics.hasErrors, "\(step)")
            // A clean build, into a new folder.
            try? FileManager.default.removeItem(at: full)
            #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: full.path)).run().diagnostics.hasErrors), "\(step)")
            let page = try String(contentsOf: preview.appendingPathComponent("a/one/index.html"), encoding: .utf8)
            #expect(page.contains(exists ? #"href="../../b/""# : #"href="../b/""#), "\(step)")
            #expect(try snapshot(preview) == snapshot(full), "\(step)")
        }
    }
}
