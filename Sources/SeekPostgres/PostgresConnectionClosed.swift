/// The connection closed while Seek was waiting for the server (it crashed, restarted, was shut
/// down, or the network dropped it).
package struct PostgresConnectionClosed: Error, CustomStringConvertible {
    package init() {}

    package var description: String {
        "the server closed the connection in the middle of the work (it crashed, restarted or was shut down: its log says which)"
    }
}
