import ArgumentParser
import SeekEngine

@main
struct SeekCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seek",
        abstract: "Offline semantic search over your own files.",
        version: SeekEngine.version,
        subcommands: [
            IndexCommand.self, WatchCommand.self, StatusCommand.self, FilesCommand.self, ShowCommand.self, RemoveCommand.self,
            SearchCommand.self, EvalCommand.self, ModelCommand.self, EmbedCommand.self, BenchCommand.self, ProfileCommand.self,
            RunsCommand.self, ValidateCommand.self, InspectCommand.self, DoctorCommand.self, EmbedderWorkerCommand.self,
        ]
    )
}
