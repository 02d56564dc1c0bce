import Foundation
import SitegenKit

/// Maps request paths to files of the preview folder, and never to a file outside it.
public struct PreviewFiles: Sendable {
    public let folder: URL
    private let realFolder: String

    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
        realFolder = Self.realPath(folder.standardizedFileURL.path) ?? folder.standardizedFileURL.path
    }

    public enum Resolution: Equatable, Sendable {
        case file(URL)
        /// A folder asked for without its trailing slash.
        case redirect(String)
        case notFound
        case badRequest
    }

    /// Longest request path accepted.
    static let maximumPathLength = 2048

    /// - Parameter rawPath: the request target's path, still percent-encoded.
    public func resolve(_ rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/"), !rawPath.hasPrefix("//"), rawPath.utf8.count <= Self.maximumPathLength else { return .badRequest }
        let lowered = rawPath.lowercased()
        // Encoded separators, backslashes and NUL never name a file here.
        if rawPath.contains("\\") || lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") || rawPath.contains("\0") {
            return .badRequest
        }
        guard let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else {
            return .badRequest
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .badRequest }
        // Hidden files and folders are the site's where `Public/` has them (`.well-known/`), but for the writer's
        // temporary files and the output's marker.
        if let last = segments.last, last.hasSuffix(SiteLayout.temporarySuffix) || last == SiteLayout.outputMarker { return .notFound }
        var url = folder
        for segment in segments { url.appendPathComponent(String(segment)) }
        // Follow symbolic links only when they stay inside the folder.
        guard let real = Self.realPath(url.path), real == realFolder || real.hasPrefix(realFolder + "/") else { return .notFound }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            let index = URL(fileURLWithPath: real).appendingPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: index.path) else { return .notFound }  // no listings
            guard decoded.hasSuffix("/") else { return .redirect(rawPath + "/") }
            return .file(index)
        }
        // A file is no folder (`/feed.xml/`), as a static host answers.
        guard !decoded.hasSuffix("/") else { return .notFound }
        return .file(URL(fileURLWithPath: real))
    }

    /// The site's 404 page, if it has one.
    public var notFoundPage: URL? {
        let page = folder.appendingPathComponent("404.html")
        return FileManager.default.fileExists(atPath: page.path) ? page : nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The `Content-Type` of a file by its extension.
    public static func contentType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return url.lastPathComponent == "feed.xml" ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        case "csv": return "text/csv; charset=utf-8"
        case "bib": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
