import SeekStore
import Testing

struct SQLiteCapabilitiesTests {
    @Test func theLinkedSQLiteHasFullTextSearchAndARecentVersion() throws {
        let capabilities = try IndexStore.sqliteCapabilities()
        #expect(capabilities.hasFullText, "\(capabilities.fullTextError ?? "")")
        #expect(capabilities.versionNumbers.count == 3 && capabilities.versionNumbers[0] == 3)
        #expect(capabilities.isAtLeast([3, 35]))
    }

    @Test func versionsCompareNumerically() {
        let version = SQLiteCapabilities(version: "3.40.1", fullTextError: nil, hasDatabaseStatistics: true)
        #expect(version.isAtLeast([3, 35]) && version.isAtLeast([3, 40, 1]) && version.isAtLeast([3]))
        #expect(!version.isAtLeast([3, 40, 2]) && !version.isAtLeast([3, 100]) && !version.isAtLeast([4]))
        #expect(SQLiteCapabilities(version: "3.9.0", fullTextError: nil, hasDatabaseStatistics: false).isAtLeast([3, 35]) == false)
    }
}
