#if canImport(Glibc)
import Glibc

/// GNU extensions Swift's Glibc module does not import (they sit behind `_GNU_SOURCE`, or are
/// variadic), looked up at run time: `pipe2` (a pipe that is close-on-exec from birth, so no
/// concurrently spawned child can inherit it), `posix_spawn_file_actions_addclosefrom_np`
/// (glibc 2.34+: the child starts with nothing but standard input, output and error) and `prctl`
/// (variadic in C, called here with its five integer arguments). Nil when the C library lacks them.
enum GlibcExtensions {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    static let pipe2: Pipe2? = symbol("pipe2", as: Pipe2.self)
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)
    static let prctl: Prctl? = symbol("prctl", as: Prctl.self)
    /// `PR_SET_PDEATHSIG` of <linux/prctl.h>: the signal this process gets when its parent dies.
    static let setParentDeathSignal: Int32 = 1

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }
}
#endif
