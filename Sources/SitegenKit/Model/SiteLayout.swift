import Foundation

/// Where a site's parts are, relative to its folder.
public enum SiteLayout {
    public static let settings = "sitegen.yml"
    /// Articles, and the files published beside them.
    public static let content = "Content"
    /// The site-wide bibliography.
    public static let bibliography = "Content/bibliography"
    public static let templates = "Templates"
    /// Files published as they are.
    public static let `public` = "Public"
    /// The folders whose files are the site's sources, all the way down.
    public static let sourceFolders = [content, templates, `public`]
    /// The file a build marks its output folder with.
    public static let outputMarker = ".sitegen-output"
    /// How a file being written ends its name until it is renamed into place (`.page.html.sitegen-tmp`).
    public static let temporarySuffix = ".sitegen-tmp"

    /// Whether a file or folder name is none of the site's for being hidden (`.name`): every hidden one, but where
    /// hidden files are published (`Public/`: `.well-known/`, `.nojekyll`), only `.git` and editors' swap files.
    public static func skipsHidden(_ name: String, publishingHidden: Bool) -> Bool {
        name.hasPrefix(".") && (!publishingHidden || name == ".git" || name.hasSuffix(".swp"))
    }

    /// Whether a folder is a site's: it has `sitegen.yml` or `Content/` (either alone will do).
    public static func isSite(_ folder: URL) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: folder.appendingPathComponent(settings).path)
            || manager.fileExists(atPath: folder.appendingPathComponent(content).path)
    }

    /// The site a folder lies in, below one of its source folders (`Content/`, `Templates/`, `Public/`): the nearest
    /// folder above that is a site and holds it there; nil for a folder in no site.
    public static func siteAround(_ folder: URL) -> URL? {
        var components = folder.standardizedFileURL.pathComponents
        while components.count > 1 {
            let name = components.removeLast()
            let above = URL(fileURLWithPath: NSString.path(withComponents: components))
            if sourceFolders.contains(name), isSite(above) { return above }
        }
        return nil
    }
}
