/// Paths inside a site folder, written with `/`.
enum SitePath {
    /// A path written in an article, relative to the article's folder (or to the site folder when it starts with
    /// `/`), as a site-relative path: `../refs.bib` in `Content/a/b.md` is `Content/refs.bib`.
    static func resolve(_ path: String, relativeTo articlePath: String) -> String {
        if path.hasPrefix("/") { return String(path.dropFirst()) }
        var parts = articlePath.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }
}

/// `Women's health` → `women-s-health`.
func slugify(_ text: String, fallback: String = "topic") -> String {
    var slug = ""
    for character in text.lowercased() {
        if character.isLetter || character.isNumber {
            slug.append(character)
        } else if !slug.isEmpty, slug.last != "-" {
            slug.append("-")
        }
    }
    while slug.last == "-" { slug.removeLast() }
    return slug.isEmpty ? fallback : slug
}
