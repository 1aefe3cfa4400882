// The engine's vocabulary (requests, responses, reports, statuses) lives in SeekCore, the
// contracts every module shares; front ends import SeekEngine alone and get it with it.
@_exported import SeekCore
