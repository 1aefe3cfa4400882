import SeekPool
import Testing

struct WorkerFaultTests {
    @Test func parsesEveryFault() throws {
        let environment = [WorkerFault.environmentVariable: "crash-after:3,hang-after:0,exit-after:2,leak-mb-per-batch:50,crash-on-text:POISON pill,stop-every:4"]
        #expect(try WorkerFault.faults(from: environment) == [
            .crashAfter(batches: 3), .hangAfter(batches: 0), .exitAfter(batches: 2), .leakMegabytesPerBatch(50), .crashOnText("POISON pill"),
            .stopEvery(batches: 4),
        ])
    }

    @Test func descriptionsParseBack() throws {
        for fault in [WorkerFault.crashAfter(batches: 3), .hangAfter(batches: 2), .exitAfter(batches: 0), .leakMegabytesPerBatch(7), .crashOnText("x:y"), .stopEvery(batches: 1)] {
            #expect(try WorkerFault(parsing: fault.description) == fault)
        }
    }

    @Test func unsetOrEmptyMeansNoFault() throws {
        #expect(try WorkerFault.faults(from: [:]).isEmpty)
        #expect(try WorkerFault.faults(from: [WorkerFault.environmentVariable: ""]).isEmpty)
    }

    @Test func rejectsMalformedEntriesWithTheReason() {
        let cases = [
            ("crash-after", "no ':'"), ("crash-after:-1", "not a whole number"), ("hang-after:soon", "not a whole number"),
            ("leak-mb-per-batch:0", "at least 1 MB"), ("stop-every:0", "1 batch or more"), ("crash-on-text:", "the text is empty"), ("explode:1", "unknown fault \"explode\""),
        ]
        for (specification, reason) in cases {
            do {
                _ = try WorkerFault(parsing: specification)
                Issue.record("\(specification) parsed")
            } catch {
                #expect(error.description.contains(reason), "\(error)")
                #expect(error.description.contains(specification))
            }
        }
    }
}
