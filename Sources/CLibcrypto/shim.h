// OpenSSL's libcrypto (Debian: libssl-dev), for SHA-256 on Linux; macOS uses CryptoKit.
#include <openssl/evp.h>
