@testable import SitegenKit

/// pandoc's text with each `$…$` as sitegen prints TeX math. pandoc writes a title's math into CSL JSON as its TeX
/// (`H$_2$O`), so the goldens it printed from that JSON show the TeX; reading the `.bib` itself it prints the math
/// (`pandoc --citeproc --bibliography file.bib` gives `H₂O`), as sitegen does.
func pandocMathPrinted(_ text: String) -> String {
    guard text.contains("$") else { return text }
    var result = "", math: String?
    for character in text {
        if character == "$" {
            if let open = math {
                result += LaTeXText.decode("$" + open + "$").text
                math = nil
            } else {
                math = ""
            }
        } else if math != nil {
            math!.append(character)
        } else {
            result.append(character)
        }
    }
    return result + (math.map { "$" + $0 } ?? "")
}
