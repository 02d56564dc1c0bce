import Foundation

/// `sitegen init [DIR]`: a first site that builds as it is — settings, an example article citing a real source,
/// its bibliography, a `.gitignore` and a GitHub Pages workflow. Only into a missing or empty folder.
public struct NewSite: Sendable {
    /// The base URL written into `sitegen.yml`; nil writes the placeholder that `sitegen check` rejects.
    public var baseURL: String?
    public var title: String

    /// A host under `.invalid` never resolves (RFC 2606): builds warn about it and `sitegen check` fails on it.
    public static let placeholderBaseURL = "https://your-site.invalid/"

    public init(baseURL: String? = nil, title: String = "Evidence-based answers") {
        self.baseURL = baseURL
        self.title = title
    }

    /// Writes the site into a folder that is missing or empty, or holds only a Git repository's `.git`.
    /// - Returns: the site-relative paths written.
    public func write(into folder: URL) throws(Diagnostic) -> [String] {
        let here = SourceLocation(path: folder.path, line: 1, column: 1)
        if let baseURL {
            switch SiteSettingsLoader.baseURL(baseURL) {
            case .success(let url) where url.contains("://"): break
            case .success: throw .error(at: .option("--base-url"), "--base-url must be an http(s) URL, not '\(baseURL)' (the address the site is published at, such as https://example.org/)")
            case .failure(let problem): throw .error(at: .option("--base-url"), SiteSettingsLoader.baseURLMessage("--base-url", baseURL, problem))
            }
        }
        // Inside another site's Content/ (or Templates/, Public/), its files would be that site's articles and pages.
        if let site = SiteLayout.siteAround(folder) {
            throw .error(at: here, "is inside the site \(site.path), whose build would read the new site's files as its own; choose a folder outside it")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .error(at: here, "is a file; choose a new or empty folder for the site") }
            // A repository just made (`git init`, a clone of a new one) holds `.git` and the files a host starts one with
            // (a README, a licence, a .gitignore), which the site leaves alone.
            let names = FolderListing.entries(of: folder.path).map(\.name).filter { !Self.isRepositoryFile($0) }.sorted()
            if !names.isEmpty {
                var message = "is not empty (it holds '\(names.prefix(3).joined(separator: "', '"))'); choose a new or empty folder for the site"
                if names.contains(SiteLayout.settings) {
                    message += " (it is a sitegen site already: sitegen build and sitegen serve take it as it is)"
                } else if let tool = names.lazy.compactMap({ SiteSourceLoader.otherTools[$0.lowercased()] }).first {
                    // A site to move: its articles are sitegen's once they are where sitegen reads them.
                    message += "; it is \(tool)'s site: to build its articles with sitegen, write a sitegen.yml (title, baseURL) beside them and"
                        + " move them into Content/: each build then says what their front matter needs"
                }
                throw .error(at: here, message)
            }
        }
        let existed = FileManager.default.fileExists(atPath: folder.path)
        var written: [String] = []
        do throws(Diagnostic) {
            for (path, text) in files {
                // A repository's own .gitignore gets the site's lines after its own, as `cargo init` adds its own.
                if path == ".gitignore", let kept = try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) {
                    let lines = Set(kept.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace })
                    let missing = text.split(separator: "\n").filter { !lines.contains(String($0)) }
                    guard !missing.isEmpty else { continue }
                    let added = (kept.isEmpty || kept.hasSuffix("\n") ? "" : "\n") + "# sitegen\n" + missing.joined(separator: "\n") + "\n"
                    do {
                        try (kept + added).write(to: folder.appendingPathComponent(path), atomically: false, encoding: .utf8)
                    } catch {
                        throw Diagnostic.error(at: .file(folder.appendingPathComponent(path).path), "cannot add the site's lines to it: \(error.localizedDescription)")
                    }
                    written.append(path + " (its lines added)")
                    continue
                }
                // (A file cut short by the failure is this one's too.)
                if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path) { written.append(path) }
                try NewFile.create(path, text: text, in: folder)
            }
        } catch {
            // Half a site (a full disk) would pass for a whole one and block a second try: what was written goes, and
            // the folders it made, which were not there (the site's folder was empty or new).
            for path in written where !path.hasSuffix(" (its lines added)") { unlink(folder.appendingPathComponent(path).path) }
            let folders = Set(files.flatMap { file in
                file.path.split(separator: "/").dropLast().indices.map { file.path.split(separator: "/")[...$0].joined(separator: "/") }
            })
            for path in folders.sorted(by: { $0.count > $1.count }) { rmdir(folder.appendingPathComponent(path).path) }
            if !existed { rmdir(folder.path) }
            throw error
        }
        return written
    }

    /// Whether a file or folder is one a repository starts with, which a new site may be written beside: `.git`, and
    /// what GitHub, GitLab and others put into a new repository (README, licence, `.gitignore`, `.gitattributes`) or a
    /// system leaves (`.DS_Store`).
    static func isRepositoryFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if [".git", ".gitignore", ".gitattributes", ".ds_store", "thumbs.db", ".editorconfig"].contains(lowered) { return true }
        let stem = lowered.split(separator: ".").first.map(String.init) ?? lowered
        return ["readme", "license", "licence", "copying", "unlicense"].contains(stem)
    }

    /// Every file of the new site, by site-relative path.
    var files: [(path: String, text: String)] {
        let base = baseURL.flatMap { try? SiteSettingsLoader.baseURL($0).get() }
        let settings = """
            title: \(NewArticle.quoted(title))
            description: Plain-language answers to patient questions, with every claim linked to its source.
            \(base.map { "baseURL: \($0)" } ?? "# The address the site is published at. `sitegen check` fails until it is set.\nbaseURL: \(Self.placeholderBaseURL)")
            language: en
            # How citations and references are printed: vancouver (the default), american-medical-association,
            # nlm-citation-sequence, the-lancet, bmj, the-new-england-journal-of-medicine, apa, chicago-author-date,
            # harvard-cite-them-right, ieee, nature, or the path of a .csl file in this folder.
            citation-style: vancouver
            # Styles an article may choose instead with `citation-style:` in its front matter:
            # article-citation-styles: [apa]
            # Links in the page header, beside Mode and Text Size:
            # nav:
            #   - {title: About, url: /about/}

            """
        return [
            ("sitegen.yml", settings),
            // (Beside any output folder: `-o docs` keeps `.docs.sitegen-spare` and its lock in the site folder too.)
            (".gitignore", "/Output/\n/.*.sitegen-*\n"),
            ("Content/cardiology/statins-and-low-risk.md", Self.article),
            ("Content/bibliography/references.json", Self.bibliography),
            (".github/workflows/pages.yml", Self.workflow),
        ]
    }

    /// How the example answer's summary starts: `check` warns about an answer published with it.
    static let exampleSummary = "An example answer: replace it with your own."

    static let article = """
        ---
        title: Do statins help people at low risk of heart disease?
        summary: >-
          \(exampleSummary) It shows the front matter, a citation and the
          "What to ask your doctor" questions.
        topic: Cardiology
        confidence: high
        reviewed: 2026-04-20
        questions:
          - What is my estimated risk of a heart attack or stroke over the next ten years?
        draft: false
        ---
        ## What the research says

        An analysis of individual data from 27 trials found that lowering LDL cholesterol with a statin cut
        major vascular events by about a fifth for each 1 mmol/L reduction, and that the relative benefit was at
        least as large in people at low risk [@ctt2012].

        <!-- Cite each claim's source by its key from a file in Content/bibliography/, in square brackets with an @,
        as above. Several sources: [@one; @two]. A page: [@one, p. 4]. (A comment like this one is not published.) -->

        """

    /// The source the example cites, as checked against its page (PMC3437972).
    static let bibliography = """
        [
          {
            "id": "ctt2012",
            "type": "article-journal",
            "author": [{"literal": "Cholesterol Treatment Trialists' (CTT) Collaborators"}],
            "title": "The effects of lowering LDL cholesterol with statin therapy in people at low risk of vascular disease: meta-analysis of individual data from 27 randomised trials",
            "container-title": "Lancet",
            "container-title-short": "Lancet",
            "issued": {"date-parts": [[2012, 8, 11]]},
            "volume": "380",
            "issue": "9841",
            "page": "581-590",
            "DOI": "10.1016/S0140-6736(12)60367-5",
            "PMID": "22607822",
            "PMCID": "PMC3437972"
          }
        ]

        """

    static let workflow = """
        # Checks and builds the site with sitegen and publishes it to GitHub Pages on every push to main; check's errors
        # (a broken link, a retracted source) stop it before anything is published.
        # Set the repository variable SITEGEN_REPOSITORY (Settings > Secrets and variables > Actions > Variables)
        # to the owner/name of the sitegen repository to build it from, and turn on Pages with "GitHub Actions"
        # as its source. A custom domain is set there too (Settings > Pages > Custom domain): this deploy ignores a
        # CNAME file, and configure-pages gives the build the domain's address.
        name: Pages

        on:
          push:
            branches: [main]
          workflow_dispatch:

        permissions:
          contents: read
          pages: write
          id-token: write

        concurrency:
          group: pages
          cancel-in-progress: false

        jobs:
          build:
            runs-on: ubuntu-24.04
            container: swift:6.2-bookworm
            steps:
              - name: Check the settings
                run: |
                  if [ -z "${{ vars.SITEGEN_REPOSITORY }}" ]; then
                    echo "::error::Set the repository variable SITEGEN_REPOSITORY to the owner/name of sitegen's repository"
                    exit 1
                  fi
              - uses: actions/checkout@v4
                with:
                  path: site
              - uses: actions/checkout@v4
                with:
                  repository: ${{ vars.SITEGEN_REPOSITORY }}
                  path: sitegen
              - name: Install libcmark
                run: |
                  apt-get update
                  DEBIAN_FRONTEND=noninteractive apt-get install -y libcmark-dev pkg-config
              - name: Build sitegen
                run: swift build -c release --package-path sitegen --product sitegen
              - id: pages
                uses: actions/configure-pages@v5
              - name: Check the site
                run: sitegen/.build/release/sitegen check --source site --base-url "${{ steps.pages.outputs.base_url }}/"
              - name: Build the site
                run: sitegen/.build/release/sitegen build --source site --base-url "${{ steps.pages.outputs.base_url }}/"
              - uses: actions/upload-pages-artifact@v3
                with:
                  path: site/Output

          deploy:
            needs: build
            runs-on: ubuntu-24.04
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - id: deployment
                uses: actions/deploy-pages@v4

        """
}

/// `sitegen templates`: the built-in templates written out as files to start from.
public enum TemplateExport {
    /// Writes `NAME.mustache` for every built-in template into a folder; writes nothing when any of them exists.
    /// - Returns: the paths written, relative to the folder.
    public static func write(into folder: URL) throws(Diagnostic) -> [String] {
        let names = BuiltinTemplates.all.keys.sorted()
        let existing = names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0).mustache").path) }
        if !existing.isEmpty {
            throw .error(
                at: SourceLocation(path: folder.appendingPathComponent("\(existing[0]).mustache").path, line: 1, column: 1),
                "already exists; nothing was written (choose another folder with --output, or move \(existing.map { "\($0).mustache" }.joined(separator: ", ")) aside)")
        }
        for name in names { try NewFile.create("\(name).mustache", text: BuiltinTemplates.all[name]!, in: folder) }
        return names.map { "\($0).mustache" }
    }
}
