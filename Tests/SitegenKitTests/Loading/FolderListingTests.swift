import Foundation
import Testing

@testable import SitegenKit

/// `FolderListing` reads names and types straight from `readdir`'s records.
struct FolderListingTests {
    @Test func listsEveryNameAndKindAsTheFileSystemHasThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Names of every length up to the longest a file system takes (255 bytes), some not ASCII.
        var expected: [String: FolderListing.Kind] = [:]
        for length in 1...255 {
            let name = length % 7 == 0 ? String(repeating: "é", count: length / 2) : String(repeating: "a", count: length - 1) + "\(length % 10)"
            if length % 5 == 0 {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
                expected[name] = .folder
            } else {
                try Data().write(to: folder.appendingPathComponent(name))
                expected[name] = .file
            }
        }
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link"), withDestinationURL: folder)
        expected["link"] = .other
        let listed = FolderListing.entries(of: folder.path)
        #expect(listed.count == expected.count)
        for (name, kind) in listed { #expect(expected[name] == kind, "\(name)") }
        #expect(FolderListing.entries(of: folder.path + "/missing").isEmpty)
    }
}
