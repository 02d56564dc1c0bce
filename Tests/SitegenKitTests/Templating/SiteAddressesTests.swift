import Foundation
import Testing

@testable import SitegenKit

struct SiteAddressesTests {
    @Test(arguments: ["/", "/repo", "/repo/", "https://example.org", "https://example.org/", "http://host:8080/a/b", "https://u.github.io/r/"])
    func siteAddressesAnswerAsTheSettingsDo(baseURL: String) {
        var settings = SiteSettings()
        settings.baseURL = baseURL
        let addresses = SiteAddresses(settings)
        #expect(addresses.basePath == settings.basePath)
        for path in ["", "a/b/", "feed.xml"] {
            #expect(addresses.absoluteURL(path) == settings.absoluteURL(path))
        }
    }
}
