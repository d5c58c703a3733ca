# Defaults for the emcmake build (included before any target is made).
#
# The wasm module ships to browsers, so size wins over speed: Release and
# MinSizeRel compile with -Oz (Emscripten's default Release is -O3, about
# 1.7x the bytes). A plain `emcmake cmake` with no build type gets Release.
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()
#
# Link-time optimisation lets the linker drop and merge across SQLite, JSON
# and the core (about 12 KB gzip off the module; the shipped sysroot has the
# LTO builds of libc/libc++, so nothing is built on first use).
foreach(_lang C CXX)
  set(CMAKE_${_lang}_FLAGS_RELEASE "-Oz -flto -DNDEBUG")
  set(CMAKE_${_lang}_FLAGS_MINSIZEREL "-Oz -flto -DNDEBUG")
endforeach()
set(CMAKE_EXE_LINKER_FLAGS_RELEASE "-flto")
set(CMAKE_EXE_LINKER_FLAGS_MINSIZEREL "-flto")
# No RTTI: nothing in the core uses typeid or dynamic_cast, exceptions are
# off, and embind works without it once it stops naming unbound types in its
# error messages. About 2 KB gzip of type names and info.
set(CMAKE_CXX_FLAGS
    "${CMAKE_CXX_FLAGS} -fno-rtti -DEMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0")

# Debian's emscripten runs its JS optimiser with Debian's `acorn`, found only
# through NODE_PATH; without it optimised links fail ("Cannot find module
# 'acorn'") while -O0 links work. Links get the variable themselves, so a
# build does not depend on the caller's environment.
set(UNKNOT_EMCC_NODE_PATH "/usr/share/nodejs" CACHE PATH
    "NODE_PATH for emcc links (Debian's acorn)")
set(CMAKE_CXX_LINKER_LAUNCHER
    "${CMAKE_COMMAND};-E;env;NODE_PATH=${UNKNOT_EMCC_NODE_PATH}")
