import CSL
import Foundation
import Testing

@testable import SitegenKit

/// A build never takes a folder that is not sitegen's, and a mistake in the sources is never published in silence.
struct SafeByDefaultTests {
    func site(_ extra: [String: String] = [:]) throws -> TestSite {
        var files = [
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/bibliography/refs.json": BuildPipelineTests.refs,
            "Content/heart/statins.md": article("Do statins help?", "They lower risk [@smith2020].\n"),
        ]
        files.merge(extra) { _, new in new }
        return try TestSite(files)
    }

    func build(_ site: TestSite, output: String? = nil, force: Bool = false) async -> BuildReport {
        await BuildPipeline(BuildOptions(source: site.root.path, output: output, force: force)).run()
    }

    @Test(arguments: ["Content", "Templates", "Public", "Content/heart", ".", ".."])
    func foldersHoldingTheSourcesAreRefusedEvenWithForce(output: String) async throws {
        let site = try site(["Templates/.keep": "", "Public/x.txt": "x"])
        defer { site.remove() }
        let before = try folderTree(site.root)
        for force in [false, true] {
            let report = await build(site, output: site.root.appendingPathComponent(output).path, force: force)
            #expect(report.refused)
            #expect(report.diagnostics.count == 1)
            #expect(report.diagnostics.first?.message.hasPrefix("refusing to build into") == true, "\(report.diagnostics)")
        }
        #expect(try folderTree(site.root) == before)
    }

    @Test func aFolderOfOtherFilesIsRefusedAndAForcedOneBecomesSitegens() async throws {
        let site = try site(["docs/notes.txt": "mine"])
        defer { site.remove() }
        let docs = site.root.appendingPathComponent("docs").path
        let refused = await build(site, output: docs)
        #expect(refused.refused)
        #expect(refused.diagnostics.map(\.description) == [
            "\(docs):1:1: error: refusing to build into a folder that sitegen did not make (it holds 'notes.txt'): a build replaces its output folder whole; choose an empty or new folder, or pass --force to replace it"
        ])
        #expect(try String(contentsOfFile: docs + "/notes.txt", encoding: .utf8) == "mine")
        #expect(!(await build(site, output: docs, force: true)).hasErrors)
        #expect(OutputClaim.isMarked(docs))
        #expect(!FileManager.default.fileExists(atPath: docs + "/notes.txt"))
        // Now sitegen's: built again without --force, and the replaced folder was not kept as a spare.
        #expect(!(await build(site, output: docs)).hasErrors)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".docs.sitegen-spare/notes.txt").path))
    }

    /// Files put into a built output (a `CNAME`, notes, a `.git` to publish from) are no build's: the next build
    /// refuses to delete them, naming them, until they are moved or --force is passed. What an earlier build wrote
    /// and this one does not (the page of an article deleted since) goes as it always did.
    @Test func filesNoBuildWroteInTheOutputAreRefusedUntilMovedOrForced() async throws {
        let site = try site(["Content/heart/other.md": article("Other?", "Text.\n")])
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Output")
        #expect(!(await build(site)).hasErrors)
        try "example.org\n".write(to: output.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: output.appendingPathComponent("heart/notes"), withIntermediateDirectories: true)
        try "mine".write(to: output.appendingPathComponent("heart/notes/a.txt"), atomically: true, encoding: .utf8)
        let before = try folderTree(output)
        let refused = await build(site)
        #expect(refused.refused)
        #expect(refused.diagnostics.map(\.description) == [
            "\(output.path):1:1: error: refusing to build: the output folder holds files and folders that no build wrote ('CNAME', 'heart/notes/'), which a"
                + " build would delete, as it replaces its output folder whole; move them out (into Public/ to publish them with every build),"
                + " or pass --force to delete them"
        ])
        #expect(try folderTree(output) == before)
        // Moved out, the build goes on; an article deleted meanwhile takes its page with it, with a warning.
        try FileManager.default.removeItem(at: output.appendingPathComponent("CNAME"))
        try FileManager.default.removeItem(at: output.appendingPathComponent("heart/notes"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/other.md"))
        #expect((await build(site)).diagnostics.map(\.message).map { $0.hasPrefix("a page that the last build published is not written by this one: /heart/other/;") } == [true])
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("heart/other").path))
        // A page edited by hand is the build's to write again; a file added is refused again, and --force deletes it.
        try "edited".write(to: output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        #expect((await build(site)).diagnostics.isEmpty)
        try "x".write(to: output.appendingPathComponent("assets/mine.css"), atomically: true, encoding: .utf8)
        #expect((await build(site)).refused)
        #expect(!(await build(site, force: true)).hasErrors)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/mine.css").path))
        #expect((await build(site)).diagnostics.isEmpty)
    }

    /// With the spare deleted, nothing records what the last build wrote: the build compares the output with the site
    /// it has built before the swap, and refuses what it did not write (a file the user added, or the page of an
    /// article deleted meanwhile, which --force deletes), changing nothing in the output.
    @Test func withTheSpareDeletedFilesTheBuildDidNotWriteAreRefused() async throws {
        let site = try site(["Content/heart/other.md": article("Other?", "Text.\n")])
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Output")
        let spare = OutputWriter(output: output).spare
        #expect(!(await build(site)).hasErrors)
        try FileManager.default.removeItem(at: spare)
        try "example.org\n".write(to: output.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
        let before = try folderTree(output)
        for _ in 0..<2 {
            let refused = await build(site)
            #expect(refused.refused)
            #expect(refused.diagnostics.map(\.description) == [
                "\(output.path):1:1: error: refusing to build: the output folder holds a file that this build did not write ('CNAME'), and nothing"
                    + " here records what the last build wrote (a build keeps that in the spare folder beside the output, which is not here: it is"
                    + " not in Git, so a fresh clone has none, or it was deleted), to tell yours from pages of articles renamed or deleted since; a"
                    + " build would delete it, as it replaces its output folder whole; move it out (into Public/ to"
                    + " publish it with every build), or pass --force to delete it"
            ])
            #expect(try folderTree(output) == before)
            // The site built is kept as the spare, for the next build to rewrite.
            #expect(OutputClaim.isMarked(spare.path))
        }
        try FileManager.default.removeItem(at: output.appendingPathComponent("CNAME"))
        #expect((await build(site)).diagnostics.isEmpty)
        // An article deleted with the spare: its page is not this build's either, and --force lets it go.
        try FileManager.default.removeItem(at: spare)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/other.md"))
        let deleted = await build(site)
        #expect(deleted.refused)
        #expect(deleted.diagnostics.first?.message.contains("holds files and folders that this build did not write ('heart/other/', 'search/") == true, "\(deleted.diagnostics)")
        #expect(!(await build(site, force: true)).hasErrors)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("heart/other").path))
        // A spare in place again: the next build knows its files, and a file added meanwhile is refused as before.
        try "x".write(to: output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect((await build(site)).diagnostics.first?.message.contains("that no build wrote ('notes.txt')") == true)
    }

    /// A build that fails on a mistake in the sources keeps what it wrote as the spare, with the record of the output:
    /// the next build still knows the output's files (an article deleted meanwhile takes its page, with a warning), and
    /// a file added to the output is still told from them.
    @Test func aFailedBuildKeepsTheRecordOfTheOutput() async throws {
        let site = try site(["Content/heart/other.md": article("Other?", "Text.\n")])
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Output")
        #expect(!(await build(site)).hasErrors)
        try site.write("Content/heart/broken.md", "---\ntitle: [unclosed\n---\nText.\n")
        let failed = await build(site)
        #expect(failed.hasErrors && !failed.refused)
        #expect(OutputClaim.isMarked(OutputWriter(output: output).spare.path))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/broken.md"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/other.md"))
        #expect((await build(site)).diagnostics.map(\.message).map { $0.hasPrefix("a page that the last build published is not written by this one: /heart/other/;") } == [true])
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("heart/other").path))
        try site.write("Content/heart/broken.md", "---\ntitle: [unclosed\n---\nText.\n")
        #expect((await build(site)).hasErrors)
        try "x".write(to: output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/broken.md"))
        #expect((await build(site)).diagnostics.first?.message.contains("that no build wrote ('notes.txt')") == true)
    }

    /// A repository or another site is never an output, even one sitegen made or with --force; nor a hidden folder of
    /// the site (`.git`, `.github`); nor a link, which the swap would replace with a folder.
    @Test func repositoriesHiddenFoldersAndLinksAreNeverOutputs() async throws {
        let site = try site([".git/HEAD": "ref: refs/heads/main\n", ".github/workflows/x.yml": "on: push\n", "other/sitegen.yml": "title: O\n"])
        defer { site.remove() }
        let before = try folderTree(site.root)
        for (output, message) in [
            (".git", "refusing to build into a folder that holds sitegen.yml"), (".github", "refusing to build into the site's .github/ folder"),
            (".github/workflows", "refusing to build into a folder inside the site's .github/ folder"),
            ("other", "refusing to build into a folder that holds sitegen.yml"),
        ] {
            for force in [false, true] {
                let report = await build(site, output: site.root.appendingPathComponent(output).path, force: force)
                #expect(report.refused, "\(output)")
                if output != ".git" { #expect(report.diagnostics.first?.message.hasPrefix(message) == true, "\(report.diagnostics)") }
                #expect(report.diagnostics.first?.message.contains("--force") == false, "\(report.diagnostics)")
            }
        }
        #expect(try folderTree(site.root) == before)
        // A `.git` folder not made yet, or a folder inside one: never made by a build.
        let bare = try self.site()
        defer { bare.remove() }
        for output in [".git", ".git/site", "sub/.git"] {
            for force in [false, true] {
                let report = await build(bare, output: bare.root.appendingPathComponent(output).path, force: force)
                #expect(report.diagnostics.map(\.message) == [
                    "refusing to build into a Git repository's .git folder: a build replaces its output folder whole; choose a folder of its own, e.g. --output Output"
                ])
            }
        }
        #expect(!FileManager.default.fileExists(atPath: bare.root.appendingPathComponent(".git").path))
        #expect(!FileManager.default.fileExists(atPath: bare.root.appendingPathComponent("sub").path))
        // A new folder named through a link to Content/ or .git is inside it (the link resolved as far as the path exists).
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("cl").path, withDestinationPath: "Content")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("gl").path, withDestinationPath: ".git")
        let withLinks = try folderTree(site.root)
        for (output, message) in [
            ("cl/gen", "refusing to build into a folder inside the site's Content/ folder"), ("gl/pages", "refusing to build into a Git repository's .git folder"),
        ] {
            let report = await build(site, output: site.root.appendingPathComponent(output).path, force: true)
            #expect(report.refused && report.diagnostics.first?.message.hasPrefix(message) == true, "\(output): \(report.diagnostics)")
        }
        #expect(try folderTree(site.root) == withLinks)
        // Git in a folder sitegen made.
        let output = site.root.appendingPathComponent("Output")
        #expect(!(await build(site)).hasErrors)
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let inRepository = await build(site, force: true)
        #expect(inRepository.refused)
        #expect(inRepository.diagnostics.first?.message.hasPrefix("refusing to build into a folder that holds .git (a Git repository)") == true)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".git").path))
        try FileManager.default.removeItem(at: output.appendingPathComponent(".git"))
        // A link to a folder sitegen made, and one to nothing: the link stays a link.
        let target = site.root.appendingPathComponent("built")
        #expect(!(await build(site, output: target.path)).hasErrors)
        let link = site.root.appendingPathComponent("Linked")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let linked = await build(site, output: link.path)
        #expect(linked.refused)
        #expect(linked.diagnostics.map(\.message) == [
            "the output is a symbolic link (to \(target.path)): a build replaces its output folder whole, and would replace the link with a"
                + " folder; give the folder itself, --output \(target.path)"
        ])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        try FileManager.default.removeItem(at: target)
        #expect((await build(site, output: link.path)).refused)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
    }

    /// Two builds into one output folder at once: the second is refused while the first holds the folder's lock.
    @Test func aSecondBuildIntoTheSameOutputAtOnceIsRefused() async throws {
        let site = try site()
        defer { site.remove() }
        let writer = OutputWriter(output: site.root.appendingPathComponent("Output"))
        let held = try #require(writer.lock())
        #expect(held >= 0)
        #expect(writer.lock() == nil)
        let report = await build(site)
        #expect(report.refused)
        #expect(report.diagnostics.map(\.message) == ["another sitegen build is writing this output folder; wait for it to finish, or build into another --output"])
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output").path))
        close(held)
        #expect(!(await build(site)).hasErrors)
    }

    @Test func aFolderInsideASiteOrAFileIsNamedForWhatItIs() async throws {
        let site = try site()
        defer { site.remove() }
        // A folder inside a site's Content/ names the site; a file given as the site folder is said to be one; `init`
        // refuses a folder inside a site's Content/ (the site would read the new one's files as its articles).
        let inner = site.root.appendingPathComponent("Content/heart")
        let inside = await BuildPipeline(BuildOptions(source: inner.path)).run()
        #expect(inside.diagnostics.map(\.description) == ["\(inner.path):1:1: error: not a sitegen site: the folder is inside the site \(site.root.path); pass --source \(site.root.path)"])
        let file = site.root.appendingPathComponent("sitegen.yml")
        #expect(await BuildPipeline(BuildOptions(source: file.path)).run().diagnostics.map(\.message) == [
            "the site folder is a file, not a folder; pass --source with the folder that holds sitegen.yml"
        ])
        #expect(throws: Diagnostic.self) { try NewSite(title: "T").write(into: site.root.appendingPathComponent("Content/new")) }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Content/new").path))
    }

    @Test func aMissingSiteFolderIsRefusedAndNotCreated() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-missing-\(UUID().uuidString)")
        let report = await BuildPipeline(BuildOptions(source: missing.path)).run()
        #expect(report.refused)
        #expect(report.diagnostics.map(\.description) == ["\(missing.path):1:1: error: site folder does not exist (check --source)"])
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    /// A folder that is no site (a mistaken --source, a build run one folder too high, pages written at the top as
    /// Jekyll keeps them) is refused, and no Output/ is made in it.
    @Test func aFolderThatIsNoSiteIsRefusedAndNothingIsWritten() async throws {
        let folder = try TestSite(["notes.txt": "mine", "q.md": "---\ntitle: Q?\n---\nHi\n", "r.md": "---\ntitle: R?\n---\n"])
        defer { folder.remove() }
        let report = await BuildPipeline(BuildOptions(source: folder.root.path)).run()
        #expect(report.refused)
        #expect(report.diagnostics.map(\.description) == [
            "\(folder.root.path):1:1: error: not a sitegen site: the folder has neither sitegen.yml nor a Content/ folder; run 'sitegen init' to make one, or pass --source with the site's folder (articles go in Content/: move q.md and the other 1 there)"
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.root.path).sorted() == ["notes.txt", "q.md", "r.md"])
        // `sitegen check` says the same.
        await #expect(throws: Diagnostic.self) { try await BuildPipeline(BuildOptions(source: folder.root.path)).render() }
        // Either sitegen.yml or Content/ makes it a site.
        try folder.write("Content/q.md", "---\ntitle: Q?\n---\nHi\n")
        #expect(!(await BuildPipeline(BuildOptions(source: folder.root.path)).run()).refused)
    }

    /// Hugo's and Zola's `content/` (and `templates/`, `public/`) in small letters are never read where case matters:
    /// said at the folder, and in the refusal of a folder that is no site.
    @Test func sourceFoldersInSmallLettersAreReported() async throws {
        let folder = try TestSite(["content/q.md": "---\ntitle: Q?\n---\nHi\n", "templates/article.mustache": "{{title}}"])
        defer { folder.remove() }
        // Where the file system ignores case, `Content/` opens `content/`, which is then read: nothing to say.
        guard !FileManager.default.fileExists(atPath: folder.root.appendingPathComponent("Content").path) else { return }
        let refused = await BuildPipeline(BuildOptions(source: folder.root.path)).run()
        #expect(refused.refused)
        #expect(refused.diagnostics.first?.description.hasSuffix("(its content/ is read only as Content/, with a capital letter: rename it)") == true)
        try folder.write("sitegen.yml", "title: T\n")
        let report = await BuildPipeline(BuildOptions(source: folder.root.path, output: folder.root.appendingPathComponent("Output").path)).run()
        #expect(report.diagnostics.map(\.description).filter { !$0.contains("baseURL") }.sorted() == [
            "content:1:1: warning: this folder is not read: sitegen's is Content/, with a capital letter; rename it",
            "templates:1:1: warning: this folder is not read: sitegen's is Templates/, with a capital letter; rename it",
        ])
        // Hugo's `public/` is its output: renamed to Public/ as told, its old home page replaced sitegen's. Without Hugo's
        // settings beside it, a public/ with a home page is the user's own.
        try folder.write("public/index.html", "<h1>Home</h1>")
        func publicWarnings() async -> [String] {
            await BuildPipeline(BuildOptions(source: folder.root.path, output: folder.root.appendingPathComponent("Output").path)).run()
                .diagnostics.map(\.description).filter { $0.hasPrefix("public") }
        }
        #expect(await publicWarnings() == ["public:1:1: warning: this folder is not read: sitegen's is Public/, with a capital letter; rename it"])
        try folder.write("hugo.toml", "baseURL = 'https://example.org/'\n")
        #expect(await publicWarnings() == [
            "public:1:1: warning: this folder is not read, and with Hugo's settings beside it, it is likely Hugo's built site (its output): if so,"
                + " delete it (the files to publish as they are were in static/, and go in Public/); if it holds files of yours to publish, rename it Public/"
        ])
    }

    /// A CNAME for GitHub Pages publishing from a branch serves the site at its host's root: a baseURL elsewhere leads
    /// every link away. A deploy by GitHub Actions (both shipped workflows) ignores the file and takes the domain from
    /// Settings → Pages, whose address the workflows pass as --base-url: the warning says both ways, and which to edit.
    @Test func aCNAMEIsCheckedAgainstTheBaseURL() async throws {
        let site = try site(["sitegen.yml": "title: T\nbaseURL: https://user.github.io/repo/\n", "Public/CNAME": "answers.example.org\n"])
        defer { site.remove() }
        let actions = "a GitHub Actions deploy (actions/deploy-pages, as in sitegen's workflows) ignores this file: remove it, and set the domain"
            + " in the repository's Settings → Pages, whose address configure-pages passes to --base-url"
        #expect((await build(site)).diagnostics.map(\.description) == [
            "Public/CNAME:1:1: warning: GitHub Pages publishing from a branch serves the site at this CNAME's https://answers.example.org/, but"
                + " its baseURL is https://user.github.io/repo/, so every link and address of the pages would lead there instead: set baseURL:"
                + " https://answers.example.org/; \(actions)"
        ])
        let option = await BuildPipeline(BuildOptions(source: site.root.path, baseURL: "https://user.github.io/repo/")).run()
        #expect(option.diagnostics.map(\.description) == [
            "Public/CNAME:1:1: warning: GitHub Pages publishing from a branch serves the site at this CNAME's https://answers.example.org/, but"
                + " --base-url is https://user.github.io/repo/, so every link and address of the pages would lead there instead: build with"
                + " --base-url https://answers.example.org/; \(actions)"
        ])
        // Either way followed, the site is right and the warning gone.
        let domain = await BuildPipeline(BuildOptions(source: site.root.path, baseURL: "https://answers.example.org/")).run()
        #expect(domain.diagnostics.isEmpty)
        try site.write("sitegen.yml", "title: T\nbaseURL: https://Answers.example.org/\n")
        #expect((await build(site)).diagnostics.isEmpty)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Public/CNAME"))
        try site.write("sitegen.yml", "title: T\nbaseURL: https://user.github.io/repo/\n")
        #expect((await build(site)).diagnostics.isEmpty)
    }

    /// A CNAME written as an address (`https://answers.example.org/`, a port) holds only the host: the warning said to set
    /// `https://https://answers.example.org//`. GitHub Pages serves no wildcard.
    @Test(arguments: [
        ("https://answers.example.org/", "this CNAME holds 'https://answers.example.org/', but the file holds only the host name, without a scheme, path, port or final dot: write answers.example.org"),
        ("answers.example.org/", "this CNAME holds 'answers.example.org/', but the file holds only the host name, without a scheme, path, port or final dot: write answers.example.org"),
        ("answers.example.org:8080", "this CNAME holds 'answers.example.org:8080', but the file holds only the host name, without a scheme, path, port or final dot: write answers.example.org"),
        ("answers.example.org.", "this CNAME holds 'answers.example.org.', but the file holds only the host name, without a scheme, path, port or final dot: write answers.example.org"),
        ("*.example.org", "GitHub Pages serves one host name, not a wildcard ('*.example.org'): write the host the site is served at, such as www.example.org"),
        ("answers.example.org www.example.org", "GitHub Pages reads one host name from a CNAME, and this one holds more: keep only the host the site is served at (answers.example.org)"),
    ])
    func aCNAMEHoldsOnlyTheHostName(written: String, message: String) async throws {
        let site = try site(["sitegen.yml": "title: T\nbaseURL: https://answers.example.org/\n", "Public/CNAME": written + "\n"])
        defer { site.remove() }
        #expect((await build(site)).diagnostics.map(\.description) == ["Public/CNAME:1:1: warning: " + message])
    }

    /// An international domain name in a CNAME is the base URL's host as browsers send it, in Punycode.
    @Test func aCNAMEBeyondASCIIIsComparedInPunycode() async throws {
        let site = try site(["sitegen.yml": "title: T\nbaseURL: https://xn--bcher-kva.example/\n", "Public/CNAME": "Bücher.example\n"])
        defer { site.remove() }
        #expect((await build(site)).diagnostics.isEmpty)
        try site.write("sitegen.yml", "title: T\nbaseURL: https://bücher.example/\n")
        #expect((await build(site)).diagnostics.isEmpty)
        try site.write("sitegen.yml", "title: T\nbaseURL: https://buecher.example/\n")
        #expect((await build(site)).diagnostics.map(\.description).first?.hasPrefix(
            "Public/CNAME:1:1: warning: GitHub Pages publishing from a branch serves the site at this CNAME's https://bücher.example/, but its baseURL is https://buecher.example/") == true)
    }

    /// A CNAME beside sitegen.yml (where Jekyll and a branch published as it is keep it) is not published: a warning
    /// says where it goes. One in Content/ is published at the root as well, and checked as Public/'s is.
    @Test func aCNAMEOutsidePublicIsSaidOrChecked() async throws {
        let site = try site(["sitegen.yml": "title: T\nbaseURL: https://user.github.io/repo/\n", "CNAME": "answers.example.org\n"])
        defer { site.remove() }
        let actions = "a GitHub Actions deploy (actions/deploy-pages, as in sitegen's workflows) ignores this file: remove it, and set the domain"
            + " in the repository's Settings → Pages, whose address configure-pages passes to --base-url"
        #expect((await build(site)).diagnostics.map(\.description) == [
            "CNAME:1:1: warning: this file is not published: files published as they are go in Public/, so GitHub Pages publishing from a branch"
                + " would not find this CNAME at the site's root: move it to Public/CNAME to publish from a branch; \(actions)"
        ])
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("CNAME"))
        try site.write("Content/CNAME", "answers.example.org\n")
        #expect((await build(site)).diagnostics.map(\.description).first?.hasPrefix(
            "Content/CNAME:1:1: warning: GitHub Pages publishing from a branch serves the site at this CNAME's https://answers.example.org/") == true)
        #expect(try site.read("CNAME") == "answers.example.org\n")
        try site.write("Public/CNAME", "answers.example.org\n")
        try site.write("CNAME", "answers.example.org\n")
        try site.write("sitegen.yml", "title: T\nbaseURL: https://answers.example.org/\n")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/CNAME"))
        #expect((await build(site)).diagnostics.isEmpty)
    }

    /// macOS's `.DS_Store`, `._name` (a file's Finder data) and the `__MACOSX/` folder of an unzipped archive were
    /// published from Public/ (which publishes dot files), while Windows' `Thumbs.db` was not.
    @Test func macOSLeftoversAreNotPublished() async throws {
        let site = try site([
            "Public/.DS_Store": "x", "Public/._logo.png": "x", "Public/logo.png": "png", "Public/__MACOSX/._logo.png": "x",
            "Public/img/.DS_Store": "x", "Public/.well-known/security.txt": "Contact: x", "Content/heart/__MACOSX/chart.png": "x",
            "Content/heart/chart.png": "png",
        ])
        defer { site.remove() }
        #expect((await build(site)).diagnostics.isEmpty)
        let output = site.root.appendingPathComponent("Output")
        let published = try FileManager.default.subpathsOfDirectory(atPath: output.path)
        #expect(published.filter { $0.contains("DS_Store") || $0.contains("._") || $0.contains("MACOSX") } == [])
        #expect(published.contains("logo.png") && published.contains(".well-known/security.txt") && published.contains("heart/chart.png"))
    }

    /// An article's source saved under a name sitegen does not read (Notepad's `statins.md.txt`, `.mdx`, a `.txt`
    /// that starts with front matter) or put in `Content/bibliography/` made no page and was published as a raw file
    /// (a draft's text with it), without a word; a backup or an office program's leftover beside the articles was
    /// published too. A text file for readers still is.
    @Test func articleSourcesUnderOtherNamesAndLeftoversAreNotPublished() async throws {
        let draft = "---\ntitle: Do statins help?\ndraft: true\n---\nUnfinished.\n"
        let folder = try TestSite([
            "sitegen.yml": "title: T\n", "Content/a.md": "---\ntitle: A?\n---\nHi\n",
            "Content/heart/statins.md.txt": draft, "Content/heart/iron.txt": draft, "Content/heart/zinc.mdx": draft,
            "Content/bibliography/iron.md": draft, "Content/leaflet.txt": "Read me.\n",
            "Content/heart/b.md.bak": draft, "Content/heart/b.md.orig": draft, "Content/heart/~$notes.docx": "x", "Content/Thumbs.db": "x",
            "Content/desktop.ini": "x", "Content/heart/4913": "", "Public/old.html.bak": "x",
            // Notes beside the bibliography files are no article; a folder of the user's named like a backup is theirs.
            "Content/bibliography/README.md": "# Sources\nExported from Zotero.\n", "Content/archive.bak/chart.png": "png",
        ])
        defer { folder.remove() }
        let output = folder.root.appendingPathComponent("Output")
        let report = await BuildPipeline(BuildOptions(source: folder.root.path, output: output.path)).run()
        #expect(report.diagnostics.map(\.description).filter { !$0.contains("baseURL") }.sorted() == [
            "Content/bibliography/iron.md:1:1: warning: this file is not read: Content/bibliography/ holds the site's bibliography files, and an"
                + " article there is neither a page nor published: move it to another folder of Content/",
            "Content/heart/iron.txt:1:1: warning: this file is not read: articles are read from files named .md, and this one (an article by its"
                + " front matter) is neither a page nor published: rename it iron.md",
            "Content/heart/statins.md.txt:1:1: warning: this file is not read: articles are read from files named .md, and this one (an article"
                + " by its front matter) is neither a page nor published: rename it statins.md",
            "Content/heart/zinc.mdx:1:1: warning: this file is not read: articles are read from files named .md, and this one is neither a"
                + " page nor published: rename it zinc.md",
        ], "\(report.diagnostics)")
        #expect(!report.hasErrors)
        let published = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { !$0.hasPrefix("search/") && $0.contains(".") }
        #expect(published.filter { !$0.hasSuffix(".html") && !$0.hasSuffix(".xml") && !$0.hasSuffix(".css") && !$0.hasSuffix(".js") && !$0.hasSuffix(".svg") && $0 != "robots.txt" && $0 != ".sitegen-output" }
            .sorted() == ["archive.bak", "archive.bak/chart.png", "leaflet.txt"], "\(published)")
    }

    /// `Good.md` beside `good.md` publishes two pages here, and one where case is ignored (macOS, Windows, some
    /// hosts): a warning at the second. Two files of one address (`x.md`, `x/index.md`) are an error.
    @Test func addressesThatDifferOnlyInCaseWarn() async throws {
        let site = try site([
            "Content/heart/Good.md": article("Good?", "Text.\n"), "Content/heart/good.md": article("Also good?", "Text.\n"),
            "Content/x.md": article("X?", "Text.\n"), "Content/x/index.md": article("X again?", "Text.\n"),
        ])
        defer { site.remove() }
        let said = await build(site).diagnostics.map(\.description)
        #expect(said.contains(
            "Content/heart/good.md:1:1: warning: Content/heart/good.md and Content/heart/Good.md publish pages whose addresses differ only in"
                + " case (/heart/good/); copied to macOS or Windows, or served by a host that ignores case, one replaces the other: rename one of them"), "\(said)")
        #expect(said.contains { $0.hasSuffix("error: Content/x/index.md and Content/x.md both publish x/index.html") }, "\(said)")
        #expect(said.filter { $0.contains("differ only in case") }.count == 1)
    }

    /// A file of `Public/` whose place differs only in case from a page or a feed sitegen writes (a topic folder renamed
    /// `Heart` → `heart` with a redirect kept at the old address) is two files here, one where case is ignored: a
    /// warning at the file, as for two articles. One at the very place of a page (`Public/robots.txt`) is not said so.
    @Test func publicFilesThatDifferOnlyInCaseFromAPageWarn() async throws {
        let site = try site([
            "Public/Heart/statins/index.html": "<!doctype html><title>Moved</title>\n", "Public/Feed.xml": "x",
            "Public/robots.txt": "User-agent: *\n", "Public/heart/Chart.png": "png",
            // A dated answer, for the site to have a feed.
            "Content/dated.md": article("Dated?", extra: "reviewed: 2026-01-15\n"),
        ])
        defer { site.remove() }
        let said = await build(site).diagnostics.map(\.description).filter { $0.contains("differ only in case") }
        #expect(said == [
            "Public/Feed.xml:1:1: warning: Public/Feed.xml and the file sitegen writes, feed.xml, differ only in case; copied to macOS or"
                + " Windows, or served by a host that ignores case, one replaces the other: rename one of them",
            "Public/Heart/statins/index.html:1:1: warning: Public/Heart/statins/index.html and the page sitegen writes at /heart/statins/"
                + " differ only in case; copied to macOS or Windows, or served by a host that ignores case, one replaces the other: rename"
                + " one of them",
        ], "\(said)")
    }

    /// What Jekyll, Hugo and Quarto read but sitegen does not: an article named `.markdown` (Jekyll's default) was
    /// published as a raw file and made no page, a template named `.html` was never used, and Hugo's `layouts/` or
    /// Jekyll's `_includes/` were passed over, all without a word.
    @Test func filesAndFoldersOtherToolsReadAreReported() async throws {
        let folder = try TestSite([
            "sitegen.yml": "title: T\n", "Content/a.md": "---\ntitle: A?\n---\nHi\n",
            "Content/heart/b.markdown": "---\ntitle: B?\n---\nHi\n", "Content/c.qmd": "---\ntitle: C?\n---\n",
            "Content/chart.png": "png", "Templates/article.html": "{{title}}", "Templates/list.mustache.txt": "x", "Templates/README.md": "x",
            "layouts/_default/single.html": "{{ .Title }}", "_includes/footer.html": "x", "static/robots.txt": "x",
        ])
        defer { folder.remove() }
        let output = folder.root.appendingPathComponent("Output")
        let report = await BuildPipeline(BuildOptions(source: folder.root.path, output: output.path)).run()
        #expect(report.diagnostics.map(\.description).filter { !$0.contains("baseURL") }.sorted() == [
            "Content/c.qmd:1:1: warning: this file is not read: articles are read from files named .md (Markdown), and this one (Quarto's) is"
                + " neither a page nor published: render it to Markdown, or rename it c.md if it holds no code to run",
            "Content/heart/b.markdown:1:1: warning: this file is not read: articles are read from files named .md, and this one is neither a"
                + " page nor published: rename it b.md",
            "Templates/article.html:1:1: warning: this file is not read: templates are read from files named .mustache: rename it article.mustache",
            "Templates/list.mustache.txt:1:1: warning: this file is not read: templates are read from files named .mustache: rename it list.mustache",
            "static:1:1: warning: this is Hugo's or Zola's folder of static files, which sitegen does not read: files published as they are go in Public/",
        ], "\(report.diagnostics)")
        #expect(!report.hasErrors)
        // The Markdown sources are no files of the site; the image beside them is.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("heart/b.markdown").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("c.qmd").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("chart.png").path))
        // Hugo's layouts/ and Jekyll's _includes/ are said only while there is no Templates/ (here there is): a site
        // moved over keeps quiet once it has its own.
        try FileManager.default.removeItem(at: folder.root.appendingPathComponent("Templates"))
        let again = await BuildPipeline(BuildOptions(source: folder.root.path, output: output.path)).run()
        let said = again.diagnostics.map(\.description)
        #expect(said.contains(
            "layouts:1:1: warning: this is Hugo's folder of templates, which sitegen does not read: sitegen's are Mustache files in Templates/"
                + " (`sitegen templates` writes the built-in ones there to start from)"), "\(said)")
        #expect(said.contains(
            "_includes:1:1: warning: this is Jekyll's folder of includes, which sitegen does not read: sitegen's partials are Mustache files in Templates/"))
        // A file where a source folder goes (`touch Templates`) is read as nothing; the build said nothing.
        try Data("not a folder".utf8).write(to: folder.root.appendingPathComponent("Templates"))
        let file = await BuildPipeline(BuildOptions(source: folder.root.path, output: output.path)).run()
        #expect(file.diagnostics.map(\.description).contains(
            "Templates:1:1: warning: this is a file, not a folder, so sitegen reads nothing from it: rename or remove the file, and make a"
                + " folder Templates/ for what goes there"), "\(file.diagnostics)")
        #expect(try String(contentsOf: folder.root.appendingPathComponent("Templates"), encoding: .utf8) == "not a folder")
        // A link in its place is refused, whatever it leads to (a folder of templates shared with another site, or
        // nothing): a pull request may bring one that leads out of the site.
        let shared = folder.root.deletingLastPathComponent().appendingPathComponent(folder.root.lastPathComponent + "-templates")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: shared) }
        try Data("<p>{{title}} from the shared templates</p>".utf8).write(to: shared.appendingPathComponent("article.mustache"))
        try FileManager.default.removeItem(at: folder.root.appendingPathComponent("Templates"))
        try FileManager.default.createSymbolicLink(at: folder.root.appendingPathComponent("Templates"), withDestinationURL: shared)
        let linked = await BuildPipeline(BuildOptions(source: folder.root.path, output: output.path)).run()
        #expect(linked.diagnostics.filter { $0.description.hasPrefix("Templates:") }.map(\.description) == [
            "Templates:1:1: error: Templates is a symbolic link (to \(shared.path)), and sitegen follows no link in the site: what it leads to,"
                + " outside the site too, would be read and published; replace the link with a folder Templates/ that holds the files themselves"
        ], "\(linked.diagnostics)")
        #expect(try !String(contentsOf: output.appendingPathComponent("a/index.html"), encoding: .utf8).contains("from the shared templates"))
        try FileManager.default.removeItem(at: shared)
        let broken = await BuildPipeline(BuildOptions(source: folder.root.path, output: output.path)).run()
        #expect(broken.diagnostics.filter { $0.description.hasPrefix("Templates:") }.map(\.severity) == [.error], "\(broken.diagnostics)")
    }

    /// An output folder that cannot be made is named by its whole path (`/proc` takes no folder, even from root).
    @Test func anOutputThatCannotBeWrittenIsNamedByItsPath() async throws {
        guard FileManager.default.fileExists(atPath: "/proc/self") else { return }
        let site = try site()
        defer { site.remove() }
        let report = await build(site, output: "/proc/sitegen-out")
        #expect(report.hasErrors)
        #expect(report.diagnostics.contains { $0.description.hasPrefix("/proc/sitegen-out:1:1: error: cannot create the staging folder /proc/") },
            "\(report.diagnostics)")
    }

    /// An output folder made read-only (`chmod a-w`) is not replaced, even by a build run as root, which could.
    @Test func aReadOnlyOutputIsKept() async throws {
        let site = try site()
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Output")
        #expect(!(await build(site)).hasErrors)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: output.path)
        let before = try folderTree(output)
        for force in [false, true] {
            let report = await build(site, force: force)
            #expect(report.refused)
            #expect(report.diagnostics.map(\.message) == [
                "the output folder is read-only (its permissions allow no writes), and a build replaces it whole; make it writable (chmod u+w)"
                    + " to build into it, or choose another --output"
            ])
        }
        #expect(try folderTree(output) == before)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: output.path)
        #expect((await build(site)).diagnostics.isEmpty)
    }

    /// What the user puts into the output while a build runs is found just before the swap, which would otherwise
    /// retire it with the previous site into the spare, where the next build deletes it: a folder sitegen made (by
    /// the spare's record) and one that was empty when the build took it. The steps are the pipeline's own, with the
    /// user's file put in between.
    @Test func filesPutIntoTheOutputDuringABuildAreFoundBeforeTheSwap() async throws {
        let site = try site()
        defer { site.remove() }
        #expect(!(await build(site)).hasErrors)
        let writer = OutputWriter(output: site.output)
        #expect(try OutputClaim(output: site.output, source: site.root).check(force: false) == .known)
        var staging = writer.stagingName()
        try writer.makeStaging(at: staging)
        #expect(writer.addedEntries(staging: staging) == [])
        try "example.org".write(to: site.output.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: site.output.appendingPathComponent("notes"), withIntermediateDirectories: true)
        #expect(writer.addedEntries(staging: staging) == ["CNAME", "notes/"])
        writer.setAside(staging)
        // And through the pipeline: the next build refuses, the file kept.
        #expect((await build(site)).refused)
        #expect(try site.readSource("Output/CNAME") == "example.org")

        let empty = site.root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let emptyWriter = OutputWriter(output: empty)
        #expect(try OutputClaim(output: empty, source: site.root).check(force: false) == .known)
        staging = emptyWriter.stagingName()
        try emptyWriter.makeStaging(at: staging)
        try "mine".write(to: empty.appendingPathComponent("todo.txt"), atomically: true, encoding: .utf8)
        #expect(emptyWriter.addedEntries(staging: staging) == ["todo.txt"])
        emptyWriter.discard(staging)
    }

    /// A folder forced as the output that holds a file the build reads (the site's style, an article's
    /// bibliography) is refused before the swap deletes it; the file and the folder stay as they were.
    @Test func aForcedOutputHoldingAFileTheBuildReadsIsRefused() async throws {
        let style = try #require(CSLBuiltins.styles["vancouver"])
        let site = try site(["sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: styles/house.csl\n", "styles/house.csl": style])
        defer { site.remove() }
        let before = try folderTree(site.root.appendingPathComponent("styles"))
        let report = await build(site, output: site.root.appendingPathComponent("styles").path, force: true)
        #expect(report.refused)
        #expect(report.diagnostics.map(\.message) == [
            "refusing to build: the output folder holds styles/house.csl, which this build reads, and a build replaces its output folder"
                + " whole (even with --force); move the file out of it, or choose another --output"
        ])
        #expect(try folderTree(site.root.appendingPathComponent("styles")) == before)
        #expect(!(await build(site)).hasErrors)
    }

    /// A folder at the top of the file system or one every user writes into (`/tmp`) is never an output, even with
    /// --force: the swap would have put a folder of the build's permissions in its place.
    @Test func systemFoldersAreNeverOutputs() async throws {
        let site = try site()
        defer { site.remove() }
        let sticky = site.root.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: sticky, withIntermediateDirectories: true)
        try "theirs".write(to: sticky.appendingPathComponent("x"), atomically: true, encoding: .utf8)
        chmod(sticky.path, 0o1777)
        // (`/proc`: a folder at the top that no swap could replace, were the check ever lost.)
        for output in [sticky.path, "/proc"] where FileManager.default.fileExists(atPath: output) {
            let report = await build(site, output: output, force: true)
            #expect(report.refused, "\(output)")
            #expect(report.diagnostics.first?.message.hasPrefix("refusing to build into \(output), a folder of the system's") == true, "\(report.diagnostics)")
        }
        #expect(try site.readSource("shared/x") == "theirs")
    }

    /// The new site keeps the permissions the user gave the output folder (a web server's group may read it).
    @Test func theOutputKeepsItsPermissions() async throws {
        let site = try site()
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        chmod(site.output.path, 0o2770)
        for _ in 0..<3 {
            #expect(!(await build(site)).hasErrors)
            #expect((try FileManager.default.attributesOfItem(atPath: site.output.path)[.posixPermissions] as? Int) == 0o2770)
        }
    }

    /// An article named like a file the site writes (`sitemap.xml.md`) or a file of `Public/` where an article's folder
    /// goes: one replaced the other in silence, and the feed, the sitemap and the lists linked to a page not there.
    @Test func aFileAndAFolderOfOneNameAreAnError() async throws {
        let site = try site(["Content/sitemap.xml.md": article("What is in the sitemap?"), "Public/heart/statins": "mine"])
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.map(\.description) == [
            "Content/heart/statins.md:1:1: error: Content/heart/statins.md would be published in the folder heart/statins/, where the site has the"
                + " file Public/heart/statins: one would replace the other; rename one of them",
            "Content/sitemap.xml.md:1:1: error: Content/sitemap.xml.md would be published in the folder sitemap.xml/, where the site has the"
                + " file sitemap.xml that sitegen writes: one would replace the other; rename Content/sitemap.xml.md",
        ])
    }

    /// Folders named like the spare or a staging folder that hold no marker are the user's: never rewritten, moved
    /// or removed, whatever the builds do around them.
    @Test func foldersNamedLikeSitegensButNotMarkedAreNeverTouched() async throws {
        let site = try site([".Output.sitegen-spare/mine.txt": "spare", ".Output.sitegen-staging-x/mine.txt": "staging"])
        defer { site.remove() }
        for _ in 0..<3 { #expect(!(await build(site)).hasErrors) }
        #expect(try site.readSource(".Output.sitegen-spare/mine.txt") == "spare")
        #expect(try site.readSource(".Output.sitegen-staging-x/mine.txt") == "staging")
        #expect(OutputClaim.isMarked(site.output.path))
    }

    /// An unclosed marker is a warning; `@key` in running text is an in-text citation, and `@name` that is no key
    /// (a handle) or an e-mail address is text.
    @Test func citationNearMissesAreWarnings() async throws {
        let site = try site([
            "Content/a.md": article(
                "A", "Unclosed [@smith2020 here.\n\nIn text @smith2020 says so; write to me@smith2020.org or @someone.\n\n@Smith2020 and @smith2002 too.\n\n"
                    + "Not cites [@smith2020; @smith2020; also] and [see @smith2020;].\n\nNested [@smith2020; [@smith2020]].\n")
        ])
        defer { site.remove() }
        let report = await build(site)
        #expect(!report.hasErrors)
        // An in-text name that is a key in other case, or one typo from one, was meant as a citation.
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:11: warning: '[@smith2020' has no closing ']', so it is no citation: the bracket is text and '@smith2020' an"
                + " in-text citation (the author's name), as pandoc reads them; write [@smith2020]",
            "Content/a.md:8:1: warning: '@Smith2020' is printed as text, as no entry has this key; did you mean '@smith2020'? (keys are case-sensitive)",
            "Content/a.md:8:16: warning: '@smith2002' is printed as text, as no entry has this key; did you mean '@smith2020'?",
            // Brackets with a part that cites no source: once, at that part.
            "Content/a.md:10:36: warning: '[@smith2020; @smith2020; also]' is no citation: each part between semicolons cites one source, and"
                + " 'also' cites none, so the brackets are text and each '@key' in them an in-text citation (the author's name), as pandoc reads"
                + " them; keep text in the part of its source, after a comma ([@smith2020, and elsewhere]), or outside the brackets",
            "Content/a.md:10:62: warning: '[see @smith2020;]' is no citation: it ends with a semicolon that no source follows, so the brackets are"
                + " text and each '@key' in them an in-text citation (the author's name), as pandoc reads them; keep text in the part of its"
                + " source, after a comma ([@smith2020, and elsewhere]), or outside the brackets",
            // A part in brackets of its own is no cite at the group's level (it said the group had no closing ']').
            "Content/a.md:12:21: warning: '[@smith2020; [@smith2020]]' is no citation: each part between semicolons cites one source, and"
                + " '[@smith2020]' cites none, so the brackets are text and each '@key' in them an in-text citation (the author's name), as"
                + " pandoc reads them; keep text in the part of its source, after a comma ([@smith2020, and elsewhere]), or outside the brackets",
        ])
        let page = try site.read("a/index.html")
        #expect(page.contains("<p>In text Smith<sup class=\"citation\" id=\"cite-2\"><a href=\"#ref-smith2020\""))
        #expect(page.contains("says so; write to me@smith2020.org or @someone.</p>"))
        // After any character but a letter, a digit or a period, as pandoc reads it.
        let quoted = try self.site(["Content/a.md": article("A", "As \"@smith2020\" said, x—@smith2020—y, x/@smith2020, «@smith2020»; not x.@smith2020 or é@smith2020.\n")])
        defer { quoted.remove() }
        #expect(await build(quoted).diagnostics.isEmpty)
        let cited = try quoted.read("a/index.html")
        #expect(cited.components(separatedBy: "<sup class=\"citation\"").count == 5)
        #expect(cited.contains("not x.@smith2020 or é@smith2020.</p>"))
        #expect(cited.contains("As &quot;Smith<sup class=\"citation\""))
        // The brackets that hold no citation are text around in-text citations, as pandoc prints them ("[Smith ²; Smith ²;
        // also]" in Vancouver; APA's "[Smith (2020); Smith (2020); also]").
        #expect(page.contains("<p>Unclosed [Smith<sup class=\"citation\""))
        #expect(page.contains("<p>Not cites [Smith<sup class=\"citation\""))
        #expect(page.contains("and [see Smith<sup class=\"citation\""))
    }

    /// Citations written almost right: a space after the `@`, a key in brackets without its `@` (in an article with no
    /// `@` at all too), an in-text citation alone in parentheses. Each is a warning only where the word is a key of a
    /// source: `[1]`, `[sic]`, `[@ 2019 data]` and `(@someone)` are text.
    /// Two citations side by side print their marks run together (superscript ¹² reads as twelve): a warning with the
    /// one citation to write.
    @Test func citationsSideBySideAreAWarning() async throws {
        let site = try site(["Content/heart/statins.md": article("Q?", "Claim [@smith2020][@smith2020, p. 4] and [@smith2020] [@smith2020].\n")])
        defer { site.remove() }
        #expect((await build(site)).diagnostics.map(\.description) == [
            "Content/heart/statins.md:4:7: warning: '[@smith2020][@smith2020, p. 4]' is two citations side by side, whose marks print run together"
                + " (superscript numbers read as one: ¹² is twelve); cite the sources in one: [@smith2020; @smith2020, p. 4]"
        ])
    }

    @Test func citationsWrittenAlmostRightAreWarnings() async throws {
        let site = try site([
            "Content/a.md": article(
                "A", "Spaced [@ smith2020]. Bare [smith2020] and [1], [sic], [@ 2019 data], [smith2020](https://example.org).\n\n"
                    + "In parentheses (@smith2020), and (@someone).\n"),
            "Content/b.md": article("B", "No at-sign anywhere [smith2020].\n"),
        ])
        defer { site.remove() }
        let report = await build(site)
        #expect(!report.hasErrors)
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:9: warning: '[@ smith2020' is printed as text: a key follows its '@' without a space; write [@smith2020]",
            "Content/a.md:4:28: warning: '[smith2020]' is printed as text, though 'smith2020' is the key of a source; cite it with an '@': [@smith2020]",
            "Content/a.md:6:17: warning: '(@smith2020)' prints the source's author and number inside the parentheses, as an in-text citation"
                + " (the sentence names the author); for a citation of the source write [@smith2020]",
            "Content/b.md:4:21: warning: '[smith2020]' is printed as text, though 'smith2020' is the key of a source; cite it with an '@': [@smith2020]",
        ])
        #expect(MarkdownRenderer.mayHaveBracketedWord(Array("a [smith2020].".utf8)))
        #expect(!MarkdownRenderer.mayHaveBracketedWord(Array("a [link](x) and [ref][r] and [two words]".utf8)))
    }

    /// A key with a character that ends a key as written (`o'brien2019`: `[@o'brien2019]` cites `@o`, as pandoc reads
    /// it too) is named, with the braces that cite it; cited in them, it is found.
    @Test func aKeyCutShortIsNamedWithTheBracesThatCiteIt() async throws {
        let refs = #"[{"id": "o'brien2019", "type": "article-journal", "title": "Aspirin", "container-title": "BMJ", "DOI": "10.1000/y"}]"#
        let site = try site(["Content/a.md": article("A", "Text [@o'brien2019].\n"), "Content/bibliography/more.json": refs])
        defer { site.remove() }
        #expect(await build(site).diagnostics.map(\.description) == [
            "Content/a.md:4:7: error: unknown citation key 'o'; the key meant is 'o'brien2019', cut short at its apostrophe (a key written after '@'"
                + " ends there): cite it in braces, [@{o'brien2019}]"
        ])
        try site.write("Content/a.md", article("A", "Text [@{o'brien2019}].\n"))
        #expect(!(await build(site)).hasErrors)
        #expect(try site.read("a/index.html").contains("href=\"#ref-o-brien2019\""))
        // Two punctuation marks in a row end a key (pandoc's rule); of the keys that start alike, the one written is named.
        let more = #"[{"id": "smith--jones", "type": "book", "title": "A", "DOI": "10.1000/a"}, {"id": "smith::x", "type": "book", "title": "B", "DOI": "10.1000/b"}]"#
        try site.write("Content/bibliography/more.json", more)
        try site.write("Content/a.md", article("A", "Text [@smith::x] and [@smith--jones].\n"))
        #expect(await build(site).diagnostics.map(\.description) == [
            "Content/a.md:4:7: error: unknown citation key 'smith'; the key meant is 'smith::x', cut short at its ':' (a key written after '@'"
                + " ends there): cite it in braces, [@{smith::x}]",
            "Content/a.md:4:23: error: unknown citation key 'smith'; the key meant is 'smith--jones', cut short at its '-' (a key written after '@'"
                + " ends there): cite it in braces, [@{smith--jones}]",
        ])
    }

    /// Braces left empty, `[@{}]` (pandoc 3.9 prints "?" and warns that the citation is not found), are an error
    /// that says what to write, in a marker of one key or of several; `@{}` in running text and an unclosed `[@{k` are
    /// text.
    @Test func aCitationOfEmptyBracesIsAnError() async throws {
        let site = try site(["Content/a.md": article("A", "Risk [@{}] and [see @{}, p. 3; @smith2020].\n\nIn text @{} and [@{k.\n")])
        defer { site.remove() }
        let report = await build(site)
        let fix = "cites no key: write the key of the source between the braces, [@{smith2020}], or delete the citation"
        #expect(report.diagnostics.map(\.description) == ["Content/a.md:4:7: error: '@{}' \(fix)", "Content/a.md:4:21: error: '@{}' \(fix)"])
        try site.write("Content/a.md", article("A", "Risk [@smith2020].\n\nIn text @{} and [@{k.\n"))
        #expect(await build(site).diagnostics.isEmpty)
        #expect(try site.read("a/index.html").contains("<p>In text @{} and [@{k.</p>"))
    }

    /// Manubot's citations by identifier (`[@doi:…]`, `[@pmid:…]`, a DOI alone) name the entry with that identifier,
    /// or, for a DOI cut at its `(` that starts several, each of them; otherwise they say to add the source's entry.
    @Test func aSourceCitedByItsIdentifierIsNamedByItsKey() async throws {
        let refs = #"[{"id": "roe2012", "type": "article-journal", "title": "T", "DOI": "10.1016/S0140-6736(12)60367-5", "PMID": "22607822"},"#
            + #" {"id": "doe2022", "type": "article-journal", "title": "U", "DOI": "10.1016/S0140-6736(22)01545-8"},"#
            + #" {"id": "poe2019", "type": "article-journal", "title": "V", "note": "PMCID: 3437972"}]"#
        let text = "[@doi:10.1016/s0140-6736(12)60367-5] [@PMID:22607822] [@10.1016/S0140-6736(22)01545-8] [@pmcid:PMC1] [@doi:10.1016/S0140-6736(12)60367-5] [@pmcid:PMC3437972].\n"
        let site = try site(["Content/a.md": article("A", text), "Content/bibliography/more.json": refs])
        defer { site.remove() }
        let manubot = "that cites a source by its"
        let said = await build(site).diagnostics.map(\.description).filter { $0.contains(manubot) }
        #expect(said == [
            "Content/a.md:4:2: error: unknown citation key 'doi:10.1016/s0140-6736'; \(manubot) DOI, as Manubot does, and sitegen cites by key: the"
                + " entries whose DOI starts so are 'roe2012', 'doe2022'; cite the one meant by its key",
            "Content/a.md:4:39: error: unknown citation key 'PMID:22607822'; \(manubot) PMID, as Manubot does, and sitegen cites by key: the entry"
                + " with this PMID is 'roe2012' (at Content/bibliography/more.json:1:2), so write [@roe2012]",
            "Content/a.md:4:56: error: unknown citation key '10.1016/S0140-6736'; \(manubot) DOI, as Manubot does, and sitegen cites by key: the"
                + " entries whose DOI starts so are 'roe2012', 'doe2022'; cite the one meant by its key",
            "Content/a.md:4:89: error: unknown citation key 'pmcid:PMC1'; \(manubot) PMCID, as Manubot does, and sitegen cites by key: add the"
                + " source's entry to a file in Content/bibliography/ (a reference manager makes it from the PMCID) and cite its key",
            "Content/a.md:4:103: error: unknown citation key 'doi:10.1016/S0140-6736'; \(manubot) DOI, as Manubot does, and sitegen cites by key: the"
                + " entries whose DOI starts so are 'roe2012', 'doe2022'; cite the one meant by its key",
            // A PMCID kept in the note without its `PMC`, as its link reads it.
            "Content/a.md:4:140: error: unknown citation key 'pmcid:PMC3437972'; \(manubot) PMCID, as Manubot does, and sitegen cites by key: the"
                + " entry with this PMCID is 'poe2019' (at Content/bibliography/more.json:1:222), so write [@poe2019]",
        ], "\(said)")
    }

    /// A bracketed citation in a link's text or an image's description stays text (a link holds no link), with a
    /// warning that says where to put it; an address in a link's text is no citation.
    @Test func aCitationInsideALinkIsAWarning() async throws {
        let site = try site([
            "Content/a.md": article(
                "A", "[See the trial [@smith2020]](https://example.org) and ![chart [@smith2020]](x.png).\n\n[Mail me@smith2020.org](mailto:me@smith2020.org) [@smith2020].\n\n"
                    + "[@smith2020](https://doi.org/10.1/x) and [@someone](https://example.org/someone).\n")
        ])
        defer { site.remove() }
        let report = await build(site)
        let warning = "warning: a citation inside a link's text or an image's description is printed as written (a link cannot hold the"
            + " citation's link); put it after the link: [text](address) [@smith2020]"
        // pandoc cites `@key` in a link's text; here it is said, for a key (a handle is text).
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:16: " + warning, "Content/a.md:4:63: " + warning,
            "Content/a.md:8:2: warning: '@smith2020' in a link's text is printed as written, and the source is not cited (a link cannot hold"
                + " the citation's link); cite it after the link: [text](address) [@smith2020]",
        ])
        let page = try site.read("a/index.html")
        #expect(page.contains("<a href=\"https://example.org\">See the trial [@smith2020]</a>"))
        #expect(page.contains("<a href=\"mailto:me@smith2020.org\">Mail me@smith2020.org</a><sup class=\"citation\" id=\"cite-1\">"))
        // A line `[@key]: address` defines a link every `[@key]` then is: said once, at that line.
        try site.write("Content/a.md", article("A", "Statins help [@smith2020].\n\nAgain [@Smith2020].\n\n  [@smith2020]: https://doi.org/10.1/x\n"))
        #expect(await build(site).diagnostics.map(\.description) == [
            "Content/a.md:8:3: warning: this line defines a link labelled '[@smith2020]' (a line '[label]: address' is a link definition in"
                + " CommonMark), so each [@smith2020] in the article is a link to its address and cites nothing; remove the line (a source's"
                + " address belongs in its entry: URL or DOI)",
        ])
    }

    /// An autolink's text is its address (`<https://mastodon.social/@smith2020>`): no citation was meant, so nothing is
    /// said; a citation followed by words in parentheses (`[@smith2020](in adults)`) is cited, not a link with a space.
    /// Without `unsafe`, a link written as HTML is left out of the page: a citation in its text is cited.
    @Test func aCitationInARawLinkIsCitedWhenHTMLIsLeftOut() async throws {
        let site = try site(["Content/a.md": article("A", "A raw link: <a href=\"https://x.org\">the trial [@smith2020]</a>.\n")])
        defer { site.remove() }
        let report = await build(site)
        #expect(!report.diagnostics.contains { $0.message.contains("a link cannot hold") }, "\(report.diagnostics)")
        #expect(try site.read("a/index.html").contains("the trial<sup class=\"citation\" id=\"cite-1\">"))
    }

    @Test func anAutolinkOrWordsInParenthesesAfterACitationSayNothing() async throws {
        let site = try site([
            "Content/a.md": article("A", "Follow <https://mastodon.social/@smith2020> and <https://x.org/[@smith2020]>.\n\nLower risk [@smith2020](in adults).\n")
        ])
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(try site.read("a/index.html").contains("Lower risk<sup class=\"citation\" id=\"cite-1\">"))
    }

    /// With HTML allowed, a citation in a link written as HTML (`<a …>…[@key]</a>`) stays text as in a Markdown link
    /// (it put a link inside a link), and one in a block of HTML (a table's cell, `<details>`), which cmark leaves as
    /// written, is said with the way to make it Markdown there; `<abbr>` is no link, an address in a tag no citation.
    @Test func aCitationInRawHTMLIsAWarning() async throws {
        let site = try site([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nmarkdown: {unsafe: true}\n",
            "Content/a.md": article(
                "A", "See <a href=\"https://example.org/g\">the guideline [@smith2020]</a> and <abbr>BP</abbr> [@smith2020].\n\n"
                    + "<table><tr>\n<td>No difference [@smith2020]</td><td><a href=\"mailto:me@smith2020.org\">mail</a></td>\n</tr></table>\n\n"
                    + "<details>\n\nRare [@smith2020].\n\n</details>\n\n<div>\n<!-- TODO: p > 0.05, so cite [@smith2020] later -->\n</div>\n")
        ])
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:51: warning: a citation inside a link's text or an image's description is printed as written (a link cannot hold the"
                + " citation's link); put it after the link: [text](address) [@smith2020]",
            "Content/a.md:7:19: warning: a citation in a block of HTML is printed as written, and the source is not cited (HTML is left as it"
                + " is); put the text on a line of its own, not indented, with a blank line before and after it, which makes it Markdown inside the HTML:"
                + " <td>⏎⏎text [@smith2020]⏎⏎</td>",
        ])
        let page = try site.read("a/index.html")
        #expect(page.contains("<a href=\"https://example.org/g\">the guideline [@smith2020]</a> and <abbr>BP</abbr><sup class=\"citation\" id=\"cite-1\">"))
        #expect(page.contains("<p>Rare<sup class=\"citation\" id=\"cite-2\">"))
    }

    /// The way to make a citation in a block of HTML Markdown is shown in the element it is in (`<figcaption>`, not
    /// always `<td>`); one that holds only a line's text (`<p>`) is told to be a `<div>`; text after every element closed
    /// needs only the blank lines. Each is said once.
    @Test func aCitationInRawHTMLIsShownInItsElement() async throws {
        let site = try site([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nmarkdown: {unsafe: true}\n",
            "Content/a.md": article(
                "A", "<figure>\n<img src=\"x.png\" alt=\"X\">\n<figcaption>LDL fell [@smith2020].</figcaption>\n</figure>\n\n"
                    + "<p align=\"center\">Centered [@smith2020]</p>\n\n<div>Boxed.</div> After [@smith2020]\n"),
        ])
        defer { site.remove() }
        let report = await build(site)
        let said = "warning: a citation in a block of HTML is printed as written, and the source is not cited (HTML is left as it is); put the"
            + " text on a line of its own, not indented, with a blank line before and after it, which makes it Markdown inside the HTML"
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:6:22: \(said): <figcaption>⏎⏎text [@smith2020]⏎⏎</figcaption>",
            "Content/a.md:9:28: \(said); a <p> cannot hold a paragraph, so write a <div> in its place: <div>⏎⏎text [@smith2020]⏎⏎</div>",
            "Content/a.md:11:25: \(said): ⏎⏎text [@smith2020]⏎⏎",
        ])
    }

    /// A file beside articles at the place of a page sitegen makes (the feed, the 404 page, an article's page from an old
    /// export) is an error at the file, and nothing is published; in `Public/` it replaces the page on purpose.
    @Test func filesBesideArticlesNeverReplaceAPage() async throws {
        // (Dated, the answer makes the site a feed.)
        let site = try site([
            "Content/feed.xml": "old", "Content/heart/statins/index.html": "<p>old export</p>", "Public/404.html": "mine",
            "Content/heart/statins.md": article("Do statins help?", "They lower risk [@smith2020].\n", extra: "reviewed: 2026-01-15\n"),
        ])
        defer { site.remove() }
        let report = await build(site)
        let tail = "; remove or rename it (a file of Public/ replaces a page of the site's own on purpose)"
        #expect(report.diagnostics.map(\.description) == [
            "Content/feed.xml:1:1: error: this file beside the articles would be published at feed.xml in place of the page sitegen makes there" + tail,
            "Content/heart/statins/index.html:1:1: error: this file beside the articles would be published at heart/statins/index.html in"
                + " place of the page sitegen makes there" + tail,
        ])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/feed.xml"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/statins"))
        #expect((await build(site)).diagnostics.isEmpty)
        #expect(try site.read("404.html") == "mine")
    }

    /// Quarto's cross-references and a figure's attributes are printed as written, which is said at each: `@fig-x` in
    /// running text, `[@tbl-x]` (an unknown key, with what it is), `![…](…){#fig-x}`.
    @Test func quartoCrossReferencesAreSaid() async throws {
        let site = try site([
            "Content/a.md": article("A", "As @fig-survival shows [@smith2020]. See [@tbl-doses].\n\n![Survival curve](chart.png){#fig-survival width=50%}\n")
        ])
        defer { site.remove() }
        #expect(await build(site).diagnostics.map(\.description) == [
            "Content/a.md:4:4: warning: '@fig-survival' is a Quarto cross-reference, which sitegen does not number: it is printed as written;"
                + " say which figure in words (the figure below)",
            "Content/a.md:4:43: error: unknown citation key 'tbl-doses'; that is a Quarto cross-reference, which sitegen does not number: say"
                + " which table in words (the table below), outside the brackets",
            "Content/a.md:6:29: warning: '{#fig-survival width=50%}' after a link or an image is an attribute of pandoc's and Quarto's"
                + " Markdown, which CommonMark prints as text after it; remove it (figures are not numbered here: a Quarto cross-reference,"
                + " @fig-…, is text too)",
        ])
    }

    /// HTML in an article is left out of its page unless the site allows it (cmark's safe mode): said once an article,
    /// at the first tag, with how many more; comments (meant to be hidden) and closing tags are not counted.
    @Test func htmlLeftOutOfAPageIsAWarning() async throws {
        let body = "Levels of CO<sub>2</sub> rose [@smith2020].<br>\n\n<div class=\"note\">A boxed note.</div>\n\n<!-- to check -->\n\nSo p < 0.05 and a<b.\n"
        let site = try site(["Content/a.md": article("A", body), "Content/b.md": article("B", "Only <!-- a comment -->.\n")])
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:13: warning: '<sub>' is HTML, which is left out of the page (a block of HTML with its text) unless"
                + " sitegen.yml has markdown: {unsafe: true}; write it in Markdown, or allow HTML there (2 more in this article)"
        ])
        #expect(!(try site.read("a/index.html")).contains("A boxed note."))
        // Allowed: published as written, and nothing to say.
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\nmarkdown: {unsafe: true}\n")
        let allowed = await build(site)
        #expect(allowed.diagnostics.isEmpty)
        #expect(try site.read("a/index.html").contains("<div class=\"note\">A boxed note.</div>"))
    }

    /// The first tag's place in a paragraph that starts with link reference definitions is where it is written (cmark
    /// places such a paragraph's text on the definitions' lines).
    @Test func htmlAfterLinkDefinitionsIsPlacedWhereItIs() async throws {
        let body = "[ref]: https://example.org/\n[other]: https://example.org/o\nSee [it][ref] at <span>x</span>.\n"
        let site = try site(["Content/a.md": article("A", body)])
        defer { site.remove() }
        #expect((await build(site)).diagnostics.map(\.description) == [
            "Content/a.md:6:18: warning: '<span>' is HTML, which is left out of the page (a block of HTML with its text) unless"
                + " sitegen.yml has markdown: {unsafe: true}; write it in Markdown, or allow HTML there"
        ])
    }

    @Test func aNullTitleIsOneError() async throws {
        let site = try site(["Content/a.md": "---\ntitle:\n---\nText.\n"])
        defer { site.remove() }
        #expect((await build(site)).diagnostics.map(\.description) == ["Content/a.md:2:1: error: 'title' must not be empty"])
    }

    /// A layout of the site's own, named by an article (a draft too), is in use; one no page names is a warning.
    @Test func templatesInUseAreNotReported() async throws {
        let site = try site([
            "Content/a.md": article("A", extra: "layout: articles\n"),
            "Content/d.md": article("D", extra: "layout: review\ndraft: true\n"),
            "Templates/articles.mustache": "{{<base}}{{$main}}<p>{{title}}</p>{{{body}}}{{/main}}{{/base}}",
            "Templates/review.mustache": "{{<base}}{{$main}}<p>{{title}}</p>{{/main}}{{/base}}",
            "Templates/spare.mustache": "<p>{{title}}</p>",
            "Templates/page.mustache": "<p>{{title}}</p>",
        ])
        defer { site.remove() }
        let report = await build(site)
        // A short name near a built-in one may be a layout made before its article: a warning that names the built-in.
        #expect(report.diagnostics.map(\.description) == [
            "Templates/page.mustache:1:1: warning: no page uses the template 'page' (an article uses it with 'layout: page'; another template"
                + " with '{{>page}}'); to replace the built-in 'base', name the file Templates/base.mustache",
            "Templates/spare.mustache:1:1: warning: no page uses the template 'spare' (an article uses it with 'layout: spare'; another template with '{{>spare}}')",
        ])
        #expect(try site.read("a/index.html").contains("<p>A</p>"))
    }

    @Test func extraValuesReachTemplates() async throws {
        let site = try site([
            "Content/a.md": article("A", extra: "extra:\n  banner: Read first\n"),
            "Templates/article.mustache": "{{<base}}{{$main}}<p>{{extra.banner}}</p>{{/main}}{{/base}}",
        ])
        defer { site.remove() }
        #expect(!(await build(site)).hasErrors)
        #expect(try site.read("a/index.html").contains("<p>Read first</p>"))
    }

    /// Only what a page can link to is published beside the articles, once; sources and editor leftovers never.
    @Test func filesBesideArticlesArePublishedOnceAndSourcesNever() async throws {
        let site = try site([
            "Content/heart/chart.png": "PNG", "Content/heart/own.bib": "@article{x, title={X}}",
            "Content/heart/statins.md~": "old", "Content/heart/#statins.md#": "autosave", "Content/heart/.statins.md.swp": "swap",
            "Content/heart/data.yaml": "a: 1",
            "Content/heart/pictures.md": article("Pictures", "![c](chart.png) [c](./chart.png#top) [x](https://example.org/chart.png) [p](statins/)\n"),
        ])
        defer { site.remove() }
        #expect(!(await build(site)).hasErrors)
        let files = Set(try site.snapshot().keys).filter { !$0.hasPrefix("/assets/") && !$0.hasPrefix("/topics/") && !$0.hasPrefix("/search/") }
        // (No answer has a review date: the site has no feed.)
        #expect(files == [
            "/heart/chart.png", "/heart/statins/index.html", "/heart/pictures/index.html", "/index.html", "/404.html",
            "/sitemap.xml", "/robots.txt", "/.sitegen-output",
        ])
        let page = try site.read("heart/pictures/index.html")
        #expect(page.contains("<img src=\"../chart.png\" alt=\"c\" />"))
        #expect(page.contains("<a href=\"../chart.png#top\">") || page.contains("<a href=\".././chart.png#top\">"))
        #expect(page.contains("<a href=\"https://example.org/chart.png\">"))
        // A folder is read from the Markdown file too: Content/heart/statins/ is the page heart/statins/.
        #expect(page.contains("<a href=\"../statins/\">"))
    }

    /// A link to another article written as its Markdown file, as an editor or GitHub follows it, leads to that
    /// article's page; one to a file that makes no page stays as written, and `sitegen check` reports it.
    @Test func linksToMarkdownFilesLeadToTheirPages() async throws {
        let body = "See [it](statins.md), [its refs](./statins.md#references), [home](../index.md),"
            + " [Other](../My%20Other.md?x=1), [gone](gone.md) and [web](https://example.com/a.md).\n\nNo [such part](statins.md#nowhere).\n"
        let site = try site([
            "Content/heart/links.md": article("Links", body),
            "Content/index.md": article("Home", "Read [the answer](heart/statins.md).\n"),
            "Content/My Other.md": article("Other", "Back to [links](heart/links.md).\n"),
        ])
        defer { site.remove() }
        #expect(!(await build(site)).hasErrors)
        let page = try site.read("heart/links/index.html")
        for link in ["../statins/", "../statins/#references", "../../", "../../My%20Other/?x=1", "gone.md", "https://example.com/a.md"] {
            #expect(page.contains("href=\"\(link)\""), "\(link)")
        }
        #expect(try site.read("index.html").contains("href=\"heart/statins/\""))
        #expect(try site.read("My Other/index.html").contains("href=\"../heart/links/\""))
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        let broken = await SiteChecker(today: try #require(ReviewDate("2026-11-26"))).check(rendered).filter { $0.message.contains("broken link") }
        #expect(broken.map(\.description) == [
            "Content/heart/links.md:4:119: error: broken link 'gone.md': the site publishes nothing from Content/heart/gone.md (a link of an article"
                + " is read from its Markdown file's folder)",
            "Content/heart/links.md:6:16: error: broken link 'statins.md#nowhere': /heart/statins/index.html has no element with id 'nowhere'",
        ])
    }

    /// An image, an e-mail autolink or HTML inside a citation's brackets cuts them (cmark reads those first): said as
    /// such, with where to put it, not as a bracket left open; a bracket left open before a link is said as before.
    /// (A link whose text holds no `@` or `[` is part of the citation: `CitationStyleTests`.)
    @Test func aLinkInsideACitationsBracketsIsSaid() async throws {
        let site = try site([
            "Content/a.md": article("A", "A [@smith2020, p. 3, see <me@example.org>]. G [@smith2020, ![chart](c.png)].\n\nU [@smith2020 here <https://x.org> no close.\n")
        ])
        defer { site.remove() }
        let cut = "warning: '[@smith2020' is no citation: a link or HTML inside its brackets cuts them (Markdown reads those first), so the"
            + " brackets are text and '@smith2020' an in-text citation; put the link outside the brackets: [@smith2020, …] (see <address>)"
        let diagnostics = await build(site).diagnostics.map(\.description)
        #expect(diagnostics == [
            "Content/a.md:4:4: " + cut, "Content/a.md:4:48: " + cut,
            "Content/a.md:6:4: warning: '[@smith2020' has no closing ']', so it is no citation: the bracket is text and '@smith2020' an"
                + " in-text citation (the author's name), as pandoc reads them; write [@smith2020]",
        ])
    }

    /// A citation in the home page's introduction links to a list the built-in home template does not print: a warning
    /// at it, which a home template that prints the references ends.
    @Test func aCitationOnTheHomePageSaysWhereItsReferencesAre() async throws {
        // (`layout: home`, Jekyll's way for an index page, is no mistake there.)
        let site = try site(["Content/index.md": article("Home", "Statins work [@smith2020].\n", extra: "layout: home\n")])
        defer { site.remove() }
        #expect(await build(site).diagnostics.map(\.description) == [
            "Content/index.md:5:14: warning: the home page lists no references (its template has none), so this citation's link leads"
                + " nowhere; cite sources in the answers, or print the references in Templates/home.mustache as article.mustache does"
                + " ({{#references}}…)"
        ])
        try site.write("Templates/home.mustache", "{{<base}}{{$main}}{{{body}}}<ol>{{#references}}<li id=\"{{id}}\">{{{html}}}</li>{{/references}}</ol>{{/main}}{{/base}}")
        #expect(await build(site).diagnostics.isEmpty)
        #expect(try site.read("index.html").contains("<li id=\"ref-smith2020\">"))
    }

    /// A folder link that leads to a page as written, from the article's page (`../statins/` between two articles of a
    /// folder, `./#top`, `../` to heart/'s page), stays; one that leads to a page only from the Markdown file (`./`, `.`,
    /// `sub/` in `heart/folders.md`, as an editor shows them) is written so that it leads there; any other stays, for `check`.
    @Test func linksToFoldersLeadWhereAPageIs() async throws {
        let site = try site([
            "Content/heart/index.md": article("Heart", "The [sub](sub/) folder.\n"),
            "Content/heart/sub/index.md": article("Sub", "Sub.\n"),
            "Content/heart/folders.md": article(
                "Folders", "[heart](./) [dot](.) [sub](sub/) [home](../) [up](..) [x](nowhere/) [part](./#top) [sibling](../statins/ \"S\").\n"),
        ])
        defer { site.remove() }
        #expect(!(await build(site)).hasErrors)
        let page = try site.read("heart/folders/index.html")
        // `../` and `..` lead to heart/'s page as written (a page, so they stay), as `../statins/` does.
        #expect(page.contains(#"<a href="../">heart</a> <a href="../">dot</a> <a href="../sub/">sub</a> <a href="../">home</a>"#
            + #" <a href="..">up</a> <a href="nowhere/">x</a> <a href="./#top">part</a> <a href="../statins/" title="S">sibling</a>"#), "\(page)")
        #expect(try site.read("heart/index.html").contains(#"<a href="sub/">sub</a>"#))
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        let broken = await SiteChecker(today: try #require(ReviewDate("2026-11-26"))).check(rendered).filter { $0.message.contains("broken link") }
        #expect(broken.map(\.description) == [
            "Content/heart/folders.md:4:59: error: broken link 'nowhere/': the site has no page or file /heart/folders/nowhere/index.html",
        ])
    }

    @Test func publicDotFilesAreCopiedButGitAndLinksAreNot() async throws {
        let site = try site([
            "Public/.well-known/security.txt": "Contact: mailto:a@example.org", "Public/.nojekyll": "", "Public/_headers": "/*",
            "Public/.git/config": "[core]", "Public/notes.txt~": "old",
        ])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Public/link.txt").path, withDestinationPath: "/etc/hostname")
        let report = await build(site)
        #expect(!report.hasErrors)
        #expect(report.diagnostics.map(\.description) == [
            "Public/link.txt:1:1: warning: symbolic link not copied (links are never followed out of the site); put the file itself in Public/"
        ])
        let files = Set(try site.snapshot().keys)
        #expect(files.isSuperset(of: ["/.well-known/security.txt", "/.nojekyll", "/_headers"]))
        #expect(files.isDisjoint(with: ["/.git/config", "/notes.txt~", "/link.txt"]))
    }

    /// A German site's BibTeX titles keep their case, as pandoc prints them under `lang: de`; changing `language` in a
    /// build that keeps its memo (`serve`) reads the files again.
    @Test func aSiteInAnotherLanguageKeepsItsBibTeXTitlesAsWritten() async throws {
        let folder = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nlanguage: de\n",
            "Content/bibliography/refs.bib": "@article{mueller2020, author = {M\\\"uller, Hans}, title = {Die Wirkung von Statinen}, journal = {DMW}, year = 2020}\n",
            "Content/a.md": "---\ntitle: A?\n---\nText [@mueller2020].\n",
        ])
        defer { folder.remove() }
        try await expectTitle(in: folder, "Die Wirkung von Statinen",
                              then: ("sitegen.yml", "title: T\nbaseURL: https://example.org/\nlanguage: en\n"), "Die wirkung von statinen")
    }

    /// Builds `folder` through serve's builder and expects `a/index.html` to hold `before`; then writes `change` and
    /// rebuilds, and expects `after`.
    private func expectTitle(
        in folder: TestSite, _ before: String, then change: (path: String, text: String), _ after: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let preview = folder.root.appendingPathComponent("Preview")
        let builder = PreviewBuilder(options: BuildOptions(source: folder.root.path, output: preview.path))
        let first = await builder.rebuild()
        #expect(!first.diagnostics.hasErrors, "\(first.diagnostics)", sourceLocation: sourceLocation)
        #expect(try String(contentsOf: preview.appendingPathComponent("a/index.html"), encoding: .utf8).contains(before), sourceLocation: sourceLocation)
        try folder.write(change.path, change.text)
        _ = await builder.rebuild(changed: [change.path])
        #expect(try String(contentsOf: preview.appendingPathComponent("a/index.html"), encoding: .utf8).contains(after), sourceLocation: sourceLocation)
    }

    /// Without `language`, BibTeX titles are read in the language of the style's `default-locale`, as pandoc reads them
    /// without `lang`: a French style prints an English title as written, a British one in sentence case; `serve`
    /// reads the file again when the style's locale changes.
    @Test func withoutALanguageBibTeXTitlesFollowTheStylesLocale() async throws {
        func style(_ locale: String) -> String {
            #"<?xml version="1.0" encoding="utf-8"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="\#(locale)">"#
                + #"<info><title>S</title><id>s</id><updated>2020-01-01T00:00:00+00:00</updated></info><citation><layout><text variable="citation-number"/></layout></citation>"#
                + #"<bibliography><layout><text variable="title"/></layout></bibliography></style>"#
        }
        let folder = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: styles/s.csl\n",
            "styles/s.csl": style("fr-FR"),
            "Content/bibliography/refs.bib": "@book{gerhardt, author = {Gerhardt, Michael J.}, title = {The Federal Appointments Process}, date = 2000}\n",
            "Content/a.md": "---\ntitle: A?\n---\nText [@gerhardt].\n",
        ])
        defer { folder.remove() }
        try await expectTitle(in: folder, "The Federal Appointments Process", then: ("styles/s.csl", style("en-GB")), "The federal appointments process")
    }

    /// `Content/`, `Templates/` or `Public/` that is itself a link (`ln -s .. Public`, which Git keeps, so a pull request
    /// may bring it) is refused, naming the link: it was followed, and published the folder above the site (a `.env`
    /// with its secret, the site's own sources). Nothing is written.
    @Test(arguments: ["Content", "Templates", "Public"])
    func aSourceFolderThatIsALinkIsRefused(folder: String) async throws {
        let site = try site(["Public/robots.txt": "User-agent: *\n", "Templates/.keep": ""])
        defer { site.remove() }
        let elsewhere = site.root.deletingLastPathComponent().appendingPathComponent("sitegen-linked-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.moveItem(at: site.root.appendingPathComponent(folder), to: elsewhere)
        try Data("SECRET=1\n".utf8).write(to: elsewhere.appendingPathComponent(".env"))
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent(folder).path, withDestinationPath: elsewhere.path)
        let report = await build(site)
        #expect(report.diagnostics.filter(\.isError).map(\.description) == [
            "\(folder):1:1: error: \(folder) is a symbolic link (to \(elsewhere.path)), and sitegen follows no link in the site: what it leads to,"
                + " outside the site too, would be read and published; replace the link with a folder \(folder)/ that holds the files themselves"
        ], "\(report.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output").path))
        // The link that leads to the folder above the site, as the pull request had it.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(folder))
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent(folder).path, withDestinationPath: "..")
        #expect((await build(site)).diagnostics.filter(\.isError).map(\.location.path) == [folder])
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output").path))
    }

    /// A file or folder whose name holds a control character is an error, neither read nor published, and every path a
    /// message prints has its control characters escaped: a name with a line break wrote a line of its own into the log
    /// (`::error file=…::`, a GitHub annotation) and one with ESC worked the terminal.
    @Test func aNameWithAControlCharacterIsAnErrorPrintedEscaped() async throws {
        let injected = "Content/heart/x\n::error file=sitegen.yml,line=1::Injected by file name\n.md"
        let site = try site([injected: article("Injected?"), "Public/red\u{1B}[31m.txt": "x", "Content/tab\tfolder/a.md": article("A?")])
        defer { site.remove() }
        let report = await build(site)
        let shown = report.diagnostics.filter(\.isError).map { $0.shown(siteFolder: "site") }
        #expect(shown == [
            "site/Content/heart/x\\n::error file=sitegen.yml,line=1::Injected by file name\\n.md:1:1: error: this file's name holds a control"
                + " character (U+000A), which no address or file name of a site should hold (printed, it breaks a log's lines or works the"
                + " terminal); it is neither read nor published: rename it",
            "site/Content/tab\\tfolder:1:1: error: this folder's name holds a control character (U+0009), which no address or file name of a"
                + " site should hold (printed, it breaks a log's lines or works the terminal); it is neither read nor published: rename it",
            "site/Public/red\\u{1B}[31m.txt:1:1: error: this file's name holds a control character (U+001B), which no address or file name of a"
                + " site should hold (printed, it breaks a log's lines or works the terminal); it is neither read nor published: rename it",
        ], "\(shown)")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        // A message that quotes a name, and a path on its own, as `serve` prints it.
        #expect(Diagnostic.warning(at: .file("a\rb.md"), "never cited by c\u{7}d.md", naming: ["c\u{7}d.md"]).shown(siteFolder: "s")
            == "s/a\\rb.md:1:1: warning: never cited by s/c\\u{7}d.md")
        #expect(Diagnostic.path("Content/x\ny.md", shownFrom: ".") == "Content/x\\ny.md")
        // C1's controls (U+0080–U+009F: CSI, U+009B, works a terminal as ESC [ does) too; no other character from the same
        // first byte of UTF-8 (a no-break space, U+00A0) or beyond it (é, Â, ‐).
        #expect(Diagnostic.escapingControlCharacters("a\u{9B}31m\u{85}b\u{7F}") == "a\\u{9B}31m\\u{85}b\\u{7F}")
        #expect(Diagnostic.escapingControlCharacters("a\u{A0}é Â ‐ ©") == "a\u{A0}é Â ‐ ©")
    }

    /// A bibliography an article names through a link at the site's top (`up` → `../..`, `bibliography: /up/refs.yaml`)
    /// is an error at that line, as one through a link in `Content/` is: the top part of the path was not looked at.
    /// The site folder itself reached through a link is no link in the site.
    @Test func aBibliographyNamedThroughALinkAtTheSitesTopIsAnError() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("- id: outkey\n  type: book\n  title: Read from outside the site\n  issued: {date-parts: [[2020]]}\n".utf8)
            .write(to: outside.appendingPathComponent("out.yaml"))
        let site = try site(["Content/heart/own.md": article("Own", "Text [@outkey].\n", extra: "bibliography: /up/out.yaml\n")])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("up").path, withDestinationPath: outside.path)
        let report = await build(site)
        #expect(report.diagnostics.filter(\.isError).first?.description
            == "Content/heart/own.md:3:15: error: bibliography file '/up/out.yaml' is read through a symbolic link (up), and sitegen follows"
                + " none (the site must build the same on every machine): put the file itself at up/out.yaml, or in Content/bibliography/,"
                + " which every article reads", "\(report.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output/heart/own/index.html").path))
        // Through a link to the site folder, the site builds as it does without.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/own.md"))
        let alias = outside.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(atPath: alias.path, withDestinationPath: site.root.path)
        let through = await BuildPipeline(BuildOptions(source: alias.path)).run()
        #expect(!through.hasErrors, "\(through.diagnostics)")
    }

    /// A symbolic link in `Content/` or `Templates/` is not read, as one in `Public/` is not copied: a warning each at
    /// the link, never a page or a bibliography missing without a word (a reference manager's export linked into
    /// `Content/bibliography/`, an article linked from another folder).
    @Test func linksInContentAndTemplatesAreWarningsNotSilence() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("@article{linked2020, title = {Linked}, year = 2020}\n".utf8).write(to: outside.appendingPathComponent("library.bib"))
        try Data(article("Linked", "Text.\n").utf8).write(to: outside.appendingPathComponent("linked.md"))
        try Data("{{{body}}}".utf8).write(to: outside.appendingPathComponent("article.mustache"))
        let site = try site()
        defer { site.remove() }
        for (link, target) in [
            ("Content/bibliography/library.bib", "library.bib"), ("Content/heart/linked.md", "linked.md"), ("Templates/article.mustache", "article.mustache"),
        ] {
            try FileManager.default.createDirectory(
                at: site.root.appendingPathComponent(link).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: site.root.appendingPathComponent(link).path, withDestinationPath: outside.appendingPathComponent(target).path)
        }
        let report = await build(site)
        #expect(!report.hasErrors, "\(report.diagnostics)")
        // Causes first: the bibliography, the template, then the article.
        #expect(report.diagnostics.map(\.description) == [
            "Content/bibliography/library.bib:1:1: warning: symbolic link not read (links are never followed out of the site); put the file"
                + " itself in Content/bibliography/ (a reference manager's automatic export can write it there)",
            "Templates/article.mustache:1:1: warning: symbolic link not read (links are never followed out of the site); put the file itself in Templates/",
            "Content/heart/linked.md:1:1: warning: symbolic link not read (links are never followed out of the site); put the file itself in Content/heart/",
        ])
        let files = Set(try site.snapshot().keys)
        #expect(!files.contains("/heart/linked/index.html"))
        // Nor is a bibliography an article names read through a link (it was, while the listing said it was not).
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Content/heart/own.bib").path, withDestinationPath: outside.appendingPathComponent("library.bib").path)
        try site.write("Content/heart/own.md", article("Own", "Text [@linked2020].\n", extra: "bibliography: own.bib\n"))
        #expect((await build(site)).diagnostics.filter(\.isError).map(\.description) == [
            "Content/heart/own.md:3:15: error: bibliography file 'own.bib' is read through a symbolic link (Content/heart/own.bib), and sitegen"
                + " follows none (the site must build the same on every machine): put the file itself at Content/heart/own.bib, or in"
                + " Content/bibliography/, which every article reads",
            "Content/heart/own.md:5:7: error: unknown citation key 'linked2020'; it may be in Content/heart/own.bib, which could not be read:"
                + " fix the error reported there first",
        ])
        // A link whose file is gone is a link too, not a file missing ("did you mean 'own.bib'?", its own name).
        try FileManager.default.removeItem(at: outside.appendingPathComponent("library.bib"))
        #expect((await build(site)).diagnostics.filter(\.isError).first?.description
            == "Content/heart/own.md:3:15: error: bibliography file 'own.bib' is read through a symbolic link (Content/heart/own.bib), and"
                + " sitegen follows none (the site must build the same on every machine): put the file itself at Content/heart/own.bib, or in"
                + " Content/bibliography/, which every article reads")
    }

    /// A style is read where `citation-style` says, as a path out of the site is: a link there is no "not read" warning.
    @Test func aStyleNamedInTheSettingsIsReadThroughALinkWithoutAWarning() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let dependent = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>House</title>"#
            + #"<link rel="independent-parent" href="http://www.zotero.org/styles/apa"/></info></style>"#
        try Data(dependent.utf8).write(to: outside.appendingPathComponent("house.csl"))
        let site = try site(["sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: ./Content/styles/house.csl\n"])
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Content/styles"), withIntermediateDirectories: true)
        for name in ["house.csl", "other.csl"] {
            try FileManager.default.createSymbolicLink(
                atPath: site.root.appendingPathComponent("Content/styles/\(name)").path, withDestinationPath: outside.appendingPathComponent("house.csl").path)
        }
        let report = await build(site)
        // The one not named is a link like any other.
        #expect(report.diagnostics.map(\.description) == [
            "Content/styles/other.csl:1:1: warning: symbolic link not read (links are never followed out of the site); put the file itself in Content/styles/"
        ])
        // Printed in APA, the dependent style's parent: "(Smith, 2020)".
        let page = try site.read("heart/statins/index.html")
        #expect(page.contains("Smith") && page.contains("2020)"), "\(page)")
    }

    @Test func theSummarySaysHowManyDraftsWereSkipped() async throws {
        let site = try site(["Content/d.md": article("Draft", extra: "draft: true\n")])
        defer { site.remove() }
        let report = await build(site)
        #expect(report.draftsSkipped == 1)
        #expect(report.summary.hasSuffix("; skipped 1 draft (build them with --drafts)"))

        let onlyDrafts = try TestSite(["Content/d.md": article("Draft", extra: "draft: true\n"), "sitegen.yml": "baseURL: https://example.org/\n"])
        defer { onlyDrafts.remove() }
        #expect((await build(onlyDrafts)).diagnostics.map(\.description) == [
            "Content:1:1: warning: every article is a draft (1), so none is published; build with --drafts to see them"
        ])
        // An article that failed is no draft: its error is the news, not that "every article is a draft".
        let oneFailed = try TestSite([
            "Content/d.md": article("Draft", extra: "draft: true\n"), "Content/e.md": "---\ntitle: [broken\n---\nText.\n",
            "sitegen.yml": "baseURL: https://example.org/\n",
        ])
        defer { oneFailed.remove() }
        let diagnostics = (await build(oneFailed)).diagnostics.map(\.description)
        #expect(diagnostics.count == 1 && diagnostics[0].hasPrefix("Content/e.md:2:8: error:"), "\(diagnostics)")
    }

    /// Jekyll's `baseurl` and `url` make one address here (each renamed to `baseURL`, a key twice), and jekyll-scholar's
    /// settings are a style and a folder (under `extra:`, the style would be dropped).
    @Test func jekyllsAddressAndScholarSettingsSayWhatToWrite() async throws {
        let site = try site([
            "sitegen.yml": "title: T\nbaseurl: \"/heart\"\nurl: \"https://janedoe.github.io\"\nscholar:\n  style: apa\n  bibliography: references.bib\n"
        ])
        defer { site.remove() }
        #expect((await build(site)).diagnostics.map(\.description) == [
            "sitegen.yml:2:1: error: unknown setting 'baseurl' (Jekyll's); with 'url' (line 3) it makes the site's address, which is one setting here:"
                + " replace the two with baseURL: https://janedoe.github.io/heart/",
            "sitegen.yml:3:1: error: unknown setting 'url' (Jekyll's); with 'baseurl' (line 2) it makes the site's address, which is one setting here:"
                + " replace the two with baseURL: https://janedoe.github.io/heart/",
            "sitegen.yml:4:1: error: unknown setting 'scholar' (jekyll-scholar's); its style is 'citation-style' here (citation-style: apa), and every"
                + " bibliography file in Content/bibliography/ is read: move references.bib there, and remove the 'scholar' block",
        ])
        // The advice followed.
        try site.write("sitegen.yml", "title: T\nbaseURL: https://janedoe.github.io/heart/\ncitation-style: apa\n")
        #expect((await build(site)).diagnostics.isEmpty)
        #expect(try site.read("sitemap.xml").contains("<loc>https://janedoe.github.io/heart/heart/statins/</loc>"))
        // A style not built in is a .csl file of the site's (citation-style: modern-language-association, as told, was an error).
        try site.write("sitegen.yml", "title: T\nbaseURL: https://janedoe.github.io/heart/\nscholar:\n  style: modern-language-association\n")
        #expect((await build(site)).diagnostics.map(\.description).contains { $0.contains("(citation-style: styles/modern-language-association.csl, the style's file put there)") })
    }

    @Test func siteSettingsAreChecked() async throws {
        let site = try site([
            "sitegen.yml": "title: T\nbase_url: https://example.org/\nnav:\n  - {title: About, url: /about/}\n  - {title: Bad, url: 'javascript:alert(1)'}\n  - {title: Mail, url: 'mailto:a@example.org'}\n"
        ])
        defer { site.remove() }
        // (Not also the warning that there is no baseURL: the error says why.)
        #expect((await build(site)).diagnostics.map(\.description) == [
            "sitegen.yml:2:1: error: unknown setting 'base_url'; did you mean 'baseURL'?",
            "sitegen.yml:5:5: error: a 'nav' link's url must be a path or an http(s) or mailto address, not 'javascript:alert(1)'",
        ])
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/sub/\nnav:\n  - {title: About, url: /about/}\n  - {title: Mail, url: 'mailto:a@example.org'}\n")
        #expect((await build(site)).diagnostics.isEmpty)
        let page = try site.read("heart/statins/index.html")
        #expect(page.contains("<nav class=\"site-nav\" aria-label=\"Site\"><ul><li><a href=\"/sub/about/\">About</a></li><li><a href=\"mailto:a@example.org\">Mail</a></li></ul></nav>"))
        // A relative address leads somewhere else from each page.
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\nnav:\n  - {title: Help, url: ../help/}\n")
        #expect((await build(site)).diagnostics.map(\.description) == [
            "sitegen.yml:4:24: warning: a 'nav' link's url '../help/' is relative, so it leads somewhere else from each page; write '/help/', a path from"
                + " the site's root (sitegen puts the baseURL's path before it)"
        ])
        try site.write("sitegen.yml", "baseURL: https://my-site.invalid/\n")
        #expect((await build(site)).diagnostics.map(\.description) == ["sitegen.yml:1:10: warning: \(SiteSettingsLoader.placeholderURLWarning)"])
        // Search's synonyms written at the top are said to be search's (it sent them under 'extra:', which search ignores).
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\nsynonyms:\n  - [heart attack, myocardial infarction]\n")
        #expect((await build(site)).diagnostics.map(\.description) == [
            "sitegen.yml:3:1: error: unknown setting 'synonyms'; it is an option of search, written under it: search: {synonyms: [[heart attack, myocardial infarction]]}"
        ])
        // An empty title made `<title></title>` (invalid HTML) and an empty feed title.
        try site.write("sitegen.yml", "title: '  '\nbaseURL: https://example.org/\n")
        #expect((await build(site)).diagnostics.map(\.description) == [
            "sitegen.yml:1:8: error: 'title' must not be empty: it is the site's name in every page's title, the header and the feed"
        ])
        // A folded title keeps no line end (it was in every page's <title> and the feed's).
        try site.write("sitegen.yml", "title: >\n  Heart\n  answers\nbaseURL: https://example.org/\n")
        try site.write("Content/heart/statins.md", "---\ntitle: >\n  Do statins\n  help?\n---\nThey lower risk [@smith2020].\n")
        #expect((await build(site)).diagnostics.isEmpty)
        #expect(try site.read("heart/statins/index.html").contains("<title>Do statins help? · Heart answers</title>"))
    }

    /// A setting written the way people say it is an error that names what to write.
    @Test(arguments: [
        ("language: English\n", "sitegen.yml:2:11: error: 'language' must be a language tag such as en, en-GB or fr (pages carry it as <html lang>), not 'English'; did you mean 'en'?"),
        ("language: en_GB\n", "sitegen.yml:2:11: error: 'language' must be a language tag such as en, en-GB or fr (pages carry it as <html lang>), not 'en_GB'; did you mean 'en-GB'?"),
        ("language: \"en-GB \"\n", "sitegen.yml:2:11: error: 'language' must be a language tag such as en, en-GB or fr (pages carry it as <html lang>), not 'en-GB '; did you mean 'en-GB' (without the spaces)?"),
        // A country's code in the language's place is no language (the HTML checker refuses `<html lang="sp">`).
        ("language: sp\n", "sitegen.yml:2:11: error: 'language' must begin with a language's code (en, es, de, fr, ja, zh …), and 'sp' is none; did you mean 'es'?"),
        ("language: JP\n", "sitegen.yml:2:11: error: 'language' must begin with a language's code (en, es, de, fr, ja, zh …), and 'JP' is none; did you mean 'ja'?"),
        ("language: il\n", "sitegen.yml:2:11: error: 'language' must begin with a language's code (en, es, de, fr, ja, zh …), and 'il' is none; did you mean 'he'?"),
        ("language: xq-GB\n", "sitegen.yml:2:11: error: 'language' must begin with a language's code (en, es, de, fr, ja, zh …), and 'xq' is none"),
        ("check: {uncited: warn}\n", "sitegen.yml:2:18: error: 'check.uncited' must be error, warning or off; did you mean 'warning'?"),
        ("markdown: {unsafe: yes}\n", "sitegen.yml:2:20: error: 'markdown.unsafe' must be true or false; write unsafe: true"),
        ("nav: [\nfoot: x\n", "sitegen.yml:2:6: error: this '[' is never closed (or an item in it lacks a comma): end the list with ']', or put a value that starts with '[' in quotes"),
        ("extra: {a: [1, 2]\n", "sitegen.yml:2:8: error: this '{' is never closed (or an item in it lacks a comma): end the mapping with '}', or put a value that starts with '{' in quotes"),
        ("nav: [\n", "sitegen.yml:2:6: error: this '[' is never closed (or an item in it lacks a comma): end the list with ']', or put a value that starts with '[' in quotes"),
        ("markdown: {unsaf: true}\n", "sitegen.yml:2:12: error: unknown markdown option 'unsaf'; did you mean 'unsafe'?"),
        ("markdown: {smart: true}\n", "sitegen.yml:2:12: error: unknown markdown option 'smart'; the only one is 'unsafe'"),
        // An option of a setting holds only the setting's own: no hint to put it under 'extra:'.
        ("check: {review-age: 6}\n", "sitegen.yml:2:9: error: unknown check option 'review-age' (the command's); pass it to the command: sitegen check --review-age 6"),
        ("feed: {enabled: false}\n", "sitegen.yml:2:8: error: unknown feed option 'enabled'; the options are limit"),
        ("search: {enabled: 'off'}\n", "sitegen.yml:2:19: error: 'search.enabled' must be true or false; write enabled: false"),
        ("search: off\n", "sitegen.yml:2:9: error: 'search' must be a mapping such as {synonyms: […]} or false; write search: false"),
        ("baseURL: www.example.org/answers\n", "sitegen.yml:2:10: error: 'baseURL' must be an http(s) URL or a path starting with '/', not 'www.example.org/answers'; did you mean 'https://www.example.org/answers/'?"),
        ("baseURL: https://example.org/sub/?utm_source=x\n", "sitegen.yml:2:10: error: 'baseURL' is 'https://example.org/sub/?utm_source=x': it ends with a query or fragment ('?utm_source=x'), which would come before every page's path: write 'https://example.org/sub/'"),
        ("baseURL: /sub#top\n", "sitegen.yml:2:10: error: 'baseURL' is '/sub#top': it ends with a query or fragment ('#top'), which would come before every page's path: write '/sub/'"),
        // Joined from "$HOST/" and "/repo/": `//repo/` in a page is another host's address.
        ("baseURL: https://example.org//repo/\n", "sitegen.yml:2:10: error: 'baseURL' is 'https://example.org//repo/': its path has an empty folder ('//'), which makes every link lead to another host; write 'https://example.org/repo/'"),
        ("baseURL: //repo/\n", "sitegen.yml:2:10: error: 'baseURL' must be an http(s) URL or a path starting with '/', not '//repo/'"),
        // Copied from the address bar.
        ("baseURL: https://user.github.io/repo/index.html\n", "sitegen.yml:2:10: error: 'baseURL' is 'https://user.github.io/repo/index.html': it ends with a page ('index.html'), not the folder the site is published in; write 'https://user.github.io/repo/'"),
        ("baseURL: https:///repo/\n", "sitegen.yml:2:10: error: 'baseURL' is 'https:///repo/': it has no host name after 'https://'; write the site's address, such as https://example.org/"),
        ("baseURL: https://deploy:s3cret@example.org/\n", "sitegen.yml:2:10: error: 'baseURL' is 'https://deploy:s3cret@example.org/': it holds a user name or password ('deploy:s3cret@'), which every page, the feed and the sitemap would publish; remove it"),
        ("baseURL: https://example.org/my repo/\n", "sitegen.yml:2:10: error: 'baseURL' is 'https://example.org/my repo/': it has a space in it, which an address writes as %20; write 'https://example.org/my%20repo/'"),
        ("baseURL: \" https://example.org/\"\n", "sitegen.yml:2:10: error: 'baseURL' is ' https://example.org/': it has a space before or after it; write 'https://example.org/'"),
        ("search: {synonyms: [heart attack, myocardial infarction]}\n", "sitegen.yml:2:20: error: 'search.synonyms' is a list of groups, each in brackets of its own; write synonyms: [[heart attack, myocardial infarction]]"),
        // Hugo's and Jekyll's settings: what they are here.
        ("params: {author: Me}\n", "sitegen.yml:2:1: error: unknown setting 'params' (Hugo's); rename it to 'extra', where the site's own values for templates go ({{site.extra.author}})"),
        ("theme: ananke\n", "sitegen.yml:2:1: error: unknown setting 'theme' (Hugo's or Jekyll's); there are no themes: a template in Templates/ replaces the built-in one of its name ('sitegen templates' copies them out to start from)"),
        // pandoc's metadata, as Quarto keeps it for a project.
        ("csl: styles/x.csl\n", "sitegen.yml:2:1: error: unknown setting 'csl' (pandoc's); rename it to 'citation-style', a built-in style's name or the path of a .csl file"),
        ("lang: en-GB\n", "sitegen.yml:2:1: error: unknown setting 'lang' (pandoc's); rename it to 'language', the site's language tag (en, en-GB)"),
        ("bibliography: refs.bib\n", "sitegen.yml:2:1: error: unknown setting 'bibliography' (pandoc's); every file in Content/bibliography/ is read for every article: move the file there, and remove the line"),
    ])
    func settingsSayWhatToWrite(setting: String, expected: String) async throws {
        let site = try site(["sitegen.yml": "title: T\n" + setting])
        defer { site.remove() }
        let diagnostics = await build(site).diagnostics
        #expect(diagnostics.filter(\.isError).map(\.description) == [expected])
        // Nor, from a sitegen.yml with errors, the warning that it has no baseURL.
        #expect(!diagnostics.contains { !$0.isError && $0.description.contains("baseURL") }, "\(diagnostics)")
        // Tags as the standard writes them pass.
        for tag in ["en", "en-GB", "pt-BR", "zh-Hant", "es-419", "iw", "fil", "sh-RS", "KO"] { #expect(SiteSettingsLoader.languageTagProblem(tag) == nil, "\(tag)") }
    }
    /// A base URL as pages print it: its scheme and host in lowercase (they are read so), no port a browser takes
    /// anyway, its path's characters that an address may not hold as they are percent-encoded (a sitemap or a
    /// feed with `é` or `<` in an address is not valid), `%20` written already kept.
    @Test func baseURLsAreWrittenAsAddresses() throws {
        let cases = [
            ("HTTPS://Example.ORG/Answers", "https://example.org/Answers/"), ("https://example.org:443/", "https://example.org/"),
            ("http://example.org:80/a/", "http://example.org/a/"), ("https://example.org:8443/a", "https://example.org:8443/a/"),
            ("https://example.org/é/", "https://example.org/%C3%A9/"), ("https://example.org/a<b>/", "https://example.org/a%3Cb%3E/"),
            ("https://example.org/my%20repo/", "https://example.org/my%20repo/"), ("https://example.org/a&b+c/", "https://example.org/a&b+c/"),
            ("http://[::1]:8000/docs", "http://[::1]:8000/docs/"), ("/repo", "/repo/"), ("https://example.org/v1.2", "https://example.org/v1.2/"),
        ]
        for (written, url) in cases { #expect(try SiteSettingsLoader.baseURL(written).get() == url, "\(written)") }
        // A tab or a no-break space is said with the address to write (it recursed without end).
        for (written, meant) in [("https://x.org/a\u{A0}b/", "https://x.org/a%C2%A0b/"), ("https://x.org/a\tb/", "https://x.org/a%09b/")] {
            guard case .failure(let problem) = SiteSettingsLoader.baseURL(written) else { Issue.record("\(written)"); continue }
            #expect(problem.advice == "it has a space in it, which an address writes as %20; write '\(meant)'")
        }
        guard case .failure(let trailing) = SiteSettingsLoader.baseURL("https://x.org/\u{A0}") else { Issue.record("no-break space after"); return }
        #expect(trailing.advice == "it has a space before or after it; write 'https://x.org/'")
        #expect(SiteSettingsLoader.baseURLHint("//user.github.io/repo") == "; did you mean 'https://user.github.io/repo/'?")
    }

    /// A host beyond ASCII is written as browsers send it (Punycode after `xn--`, RFC 3492's encoding, checked against
    /// Python's `punycode` codec), so that feeds and sitemaps hold addresses; a port that is none, and `.` or `..` in the
    /// path (which browsers resolve away), are said with the address to write.
    @Test func baseURLHostsPortsAndDotSegments() throws {
        for (label, encoded) in [("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("ελληνικά", "hxargifdar"), ("日本語", "wgv71a119e"),
            ("правительство", "80aealotwbjpid2k"), ("αβγ-δ", "--ylbdeg"), ("ü", "tda")] {
            #expect(Punycode.encode(label.unicodeScalars.map(\.value)) == encoded, "\(label)")
        }
        #expect(try SiteSettingsLoader.baseURL("https://Bücher.example/a/").get() == "https://xn--bcher-kva.example/a/")
        #expect(try SiteSettingsLoader.baseURL("https://bu\u{308}cher.example:8080/").get() == "https://xn--bcher-kva.example:8080/")
        for (written, advice) in [
            ("https://example.org:0/", "its port (':0') is no port, which is a number from 1 to 65535; write the address without it, or with the right one"),
            ("https://example.org:http/", "its port (':http') is no port, which is a number from 1 to 65535; write the address without it, or with the right one"),
            ("https://example.org/a/../b/", "its path has '.' or '..' in it, which browsers resolve away: write 'https://example.org/b/'"),
            ("https://example.org/./x", "its path has '.' or '..' in it, which browsers resolve away: write 'https://example.org/x/'"),
            ("/repo/..", "its path has '.' or '..' in it, which browsers resolve away: write '/'"),
        ] {
            guard case .failure(let problem) = SiteSettingsLoader.baseURL(written) else { Issue.record("\(written)"); continue }
            #expect(problem.advice == advice, "\(written)")
        }
    }

    /// A path or a `.invalid` host given on the command line is said there, not at sitegen.yml's baseURL.
    @Test func aBaseURLOptionIsWarnedAboutWhereItIsGiven() async throws {
        let site = try site(["sitegen.yml": "title: T\nbaseURL: https://example.org/\n"])
        defer { site.remove() }
        let relative = try await SitegenKit.BuildPipeline(BuildOptions(source: site.root.path, baseURL: "/repo/")).render().diagnostics
        #expect(relative.map(\.description) == ["--base-url:1:1: warning: " + SiteSettingsLoader.relativeOptionWarning])
        let invalid = try await SitegenKit.BuildPipeline(BuildOptions(source: site.root.path, baseURL: "https://staging.invalid/")).render().diagnostics
        #expect(invalid.map(\.description) == ["--base-url:1:1: warning: " + SiteSettingsLoader.invalidHostWarning])
    }


    @Test(arguments: [
        ("title: T\nnav:\n\t- {title: A, url: /}\n", "sitegen.yml:3:1: error: YAML does not allow tabs in indentation; indent with spaces"),
        ("title: \"T\nlanguage: en\n", "sitegen.yml:1:8: error: this quote is never closed; end the value with the same quote"),
        // A document marker alone is an empty file: built, with the warning an empty file gets.
        ("---\n", "sitegen.yml:1:1: warning: " + SiteSettingsLoader.relativeURLsWarning),
    ])
    func yamlErrorsPointAtTheirCause(text: String, expected: String) async throws {
        let site = try site(["sitegen.yml": text])
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.map(\.description).contains(expected), "\(report.diagnostics)")
    }

    /// A key given to two entries (an EndNote export's `RN111`, twice) is a warning at the second, and citing it the
    /// error, naming both; it failed every build, cited or not (pandoc cites the last in silence). Across an article's
    /// own file and the site's it is no copy: the article's shadows the site's.
    @Test func aKeyGivenTwiceFailsOnlyItsCitations() async throws {
        let site = try site([
            "Content/bibliography/endnote.bib": "@article{RN111, title = {First}, year = 2017}\n@misc{RN111, title = {Second}, year = 2018}\n@article{RN2, title = {Other}, year = 2016}\n",
            "Content/a.md": article("A", "Other [@RN2].\n"),
        ])
        defer { site.remove() }
        let warning = "Content/bibliography/endnote.bib:2:1: warning: duplicate bibliography key 'RN111' (also defined at Content/bibliography/endnote.bib:1:1):"
            + " a key names one entry, so citing it is an error until you remove the copy, or give one of them a key of its own"
        let report = await build(site)
        #expect(report.diagnostics.map(\.description) == [warning])
        #expect(!report.hasErrors)
        try site.write("Content/a.md", article("A", "Other [@RN2]. Which [@RN111].\n"))
        let cited = await build(site)
        #expect(cited.diagnostics.map(\.description) == [
            warning,
            "Content/a.md:4:22: error: the key 'RN111' names 2 entries (at Content/bibliography/endnote.bib:1:1, Content/bibliography/endnote.bib:2:1), so"
                + " which is cited is not known: remove the copy, or give one of them a key of its own and cite the one meant",
        ], "\(cited.diagnostics)")
        try site.write("Content/own.bib", "@article{RN111, title = {Mine}, year = 2019}\n")
        try site.write("Content/a.md", article("A", "Other [@RN2]. Which [@RN111].\n", extra: "bibliography: own.bib\n"))
        let own = await build(site)
        #expect(own.diagnostics.map(\.description) == [warning])
        #expect(try site.read("a/index.html").contains("Mine"))
    }

    /// A broken entry breaks only its own citations, after its cause is printed; the good entries of the file
    /// stay usable, an uncited broken entry is a warning (so is one without a key, which nothing can cite, as Mendeley
    /// writes it), and an empty file is a warning.
    @Test func aBrokenEntryFailsOnlyItsOwnCitationsCauseFirst() async throws {
        let site = try site([
            "Content/bibliography/more.bib": "@article{good, title = {Good}, year = 2020}\n@article{bad, title = {Bad}, date = {20x}}\n@article{alsobad, title = {Worse\n",
            "Content/bibliography/empty.bib": "% nothing yet\n",
            "Content/bibliography/mendeley.bib": "@article{,\n  title = {No key}, year = 2018}\n",
            "Content/a.md": article("A", "Good [@good]. Bad [@bad].\n"),
        ])
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.map(\.description) == [
            "Content/bibliography/empty.bib:1:1: warning: the bibliography file has no entries",
            "Content/bibliography/mendeley.bib:1:1: warning: malformed BibTeX: entry has no citation key; the entry is skipped",
            "Content/bibliography/more.bib:2:30: warning: malformed BibTeX: date '20x' is not a date biblatex reads: write YYYY, YYYY-MM or"
                + " YYYY-MM-DD, a range of them (2019-03/2019-05, 2019/ for one with no end yet), with ~ for an approximate date (1850~) and - for"
                + " one before year 1 (-0399); the entry is skipped, and citing it is an error",
            "Content/bibliography/more.bib:3:27: warning: malformed BibTeX: unbalanced braces in a field value; the entry is skipped, and citing it is an error",
            "Content/a.md:4:20: error: the entry 'bad' could not be read (at Content/bibliography/more.bib:2:30); fix it there",
        ])
        // Without the citation of the broken entry the site builds, the good entry of the same file cited.
        try site.write("Content/a.md", article("A", "Good [@good].\n"))
        let fixed = await build(site)
        #expect(!fixed.hasErrors, "\(fixed.diagnostics)")
        #expect(try site.read("a/index.html").contains("id=\"ref-good\""))
        // In a file an article names itself, an entry that cannot be read is an error.
        try site.write("Content/own.bib", "@article{mine, title = {Mine}, date = {2x}}\n")
        try site.write("Content/b.md", article("B", "Text.\n", extra: "bibliography: own.bib\n"))
        #expect((await build(site)).diagnostics.filter(\.isError).map(\.description) == [
            "Content/own.bib:1:32: error: malformed BibTeX: date '2x' is not a date biblatex reads: write YYYY, YYYY-MM or YYYY-MM-DD, a range of"
                + " them (2019-03/2019-05, 2019/ for one with no end yet), with ~ for an approximate date (1850~) and - for one before year 1 (-0399)"
        ])
        // A file of the site's bibliography that an article names too is still read as the site's, once: its problems
        // are said once, as warnings, and citing its broken entry is the one error.
        try site.write("Content/b.md", article("B", "Text [@good].\n", extra: "bibliography: bibliography/more.bib\n"))
        let named = await build(site)
        #expect(named.diagnostics.map(\.description).filter { $0.contains("more.bib") } == [
            "Content/bibliography/more.bib:2:30: warning: malformed BibTeX: date '20x' is not a date biblatex reads: write YYYY, YYYY-MM or"
                + " YYYY-MM-DD, a range of them (2019-03/2019-05, 2019/ for one with no end yet), with ~ for an approximate date (1850~) and - for"
                + " one before year 1 (-0399); the entry is skipped, and citing it is an error",
            "Content/bibliography/more.bib:3:27: warning: malformed BibTeX: unbalanced braces in a field value; the entry is skipped, and citing it is an error",
        ], "\(named.diagnostics)")
        #expect(!named.hasErrors, "\(named.diagnostics)")
        try site.write("Content/b.md", article("B", "Text [@bad].\n", extra: "bibliography: bibliography/more.bib\n"))
        #expect((await build(site)).diagnostics.filter(\.isError).map(\.description) == [
            "Content/b.md:5:7: error: the entry 'bad' could not be read (at Content/bibliography/more.bib:2:30); fix it there"
        ])
    }
}

extension TestSite {
    func readSource(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

/// Every path below a folder with the bytes of each file (folders as empty data), links not followed.
func folderTree(_ folder: URL) throws -> [String: Data] {
    var tree: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return tree }
    for case let path as String in enumerator {
        let url = folder.appendingPathComponent(path)
        let values = try url.resourceValues(forKeys: [.isRegularFileKey])
        tree[path] = values.isRegularFile == true ? try Data(contentsOf: url) : Data()
    }
    return tree
}
