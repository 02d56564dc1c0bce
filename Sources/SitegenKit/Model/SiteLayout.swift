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

    /// The folders at the top of a site whose names are a source folder's in other letters (`content/`, as Hugo and
    /// Zola name theirs, for `Content/`) and that are therefore never read: on a file system that tells cases apart
    /// (on one that does not, `Content/` opens them).
    static func misnamedFolders(in root: URL) -> [(found: String, meant: String)] {
        let entries = FolderListing.entries(of: root.path)
        let names = Set(entries.map(\.name))
        return entries.compactMap { name, kind in
            guard kind == .folder, let meant = sourceFolders.first(where: { $0.lowercased() == name.lowercased() }), meant != name,
                names.contains(meant) || !FileManager.default.fileExists(atPath: root.appendingPathComponent(meant).path)
            else { return nil }
            return (name, meant)
        }.sorted { $0.found < $1.found }
    }
}
