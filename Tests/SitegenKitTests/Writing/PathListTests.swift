import Testing

@testable import SitegenKit

struct PathListTests {
    @Test func everyPathIsFoundByItsBytesAndOnlyThose() {
        var list = PathList()
        #expect(list.index(of: "index.html") == nil)
        let paths = (0..<5000).map { "answers/article-\($0)/index.html" } + ["", "é/ü.html", "search/d/12.json", "a"]
        for path in paths { list.append(path) }
        #expect(list.count == paths.count)
        for (number, path) in paths.enumerated() {
            #expect(list.index(of: path) == number)
            #expect(list[number] == path)
        }
        for missing in ["answers/article-5000/index.html", "answers/article-1/index.htm", "e/u.html", "b", "search/d/12.json/"] {
            #expect(list.index(of: missing) == nil)
        }
    }

    @Test func pathsNotInAnotherListAreThoseItLacksInOrder() {
        var held = PathList(), written = PathList()
        let paths = (0..<3000).map { "topics/t\($0 % 7)/page/\($0)/index.html" } + ["é/ü.html", "a", ""]
        for path in paths { held.append(path) }
        for (number, path) in paths.enumerated() where number % 3 != 0 && path != "a" { written.append(path) }
        written.append("only/written.html")
        let expected = paths.enumerated().filter { $0.offset % 3 == 0 || $0.element == "a" }.map(\.element)
        #expect(held.paths(notIn: written) == expected)
        #expect(held.paths(notIn: held).isEmpty)
        #expect(held.paths(notIn: PathList()) == paths)
    }

    @Test func foldersAreEachPartBeforeASlashOnceAndAListKeepsItsPathsThroughItsBytes() throws {
        var list = PathList()
        for path in ["index.html", "a/b/c.html", "a/b/d.html", "a/e.html", "é/ü/x", "a/b/c/d/e.json"] { list.append(path) }
        let folders = list.folders
        #expect((0..<folders.count).map { folders[$0] }.sorted() == ["a", "a/b", "a/b/c", "a/b/c/d", "é", "é/ü"])
        let bytes = list.serialized
        let read = try #require(bytes.withUnsafeBytes { PathList(serialized: $0) })
        #expect((0..<read.count).map { read[$0] } == (0..<list.count).map { list[$0] })
        #expect(read.index(of: "a/e.html") == 3)
        #expect(read.index(of: "a/e") == nil)
        // Bytes cut short, or ends that do not add up, are no list.
        #expect(bytes.dropLast().withUnsafeBytes { PathList(serialized: $0) } == nil)
        #expect([UInt8](repeating: 0xFF, count: 12).withUnsafeBytes { PathList(serialized: $0) } == nil)
        #expect(PathList().serialized.withUnsafeBytes { PathList(serialized: $0) }?.count == 0)
    }
}
