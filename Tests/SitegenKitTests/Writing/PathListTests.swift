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
}
