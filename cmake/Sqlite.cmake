# SQLite from one amalgamation for every host (native and wasm), so the
# browser and the server run the same SQLite version. The npm tarball of
# better-sqlite3 carries it; the tarball is cached outside the build tree
# (UNKNOT_DOWNLOAD_CACHE) and the sources are extracted into the build tree.
set(UNKNOT_SQLITE_NPM "better-sqlite3@12.9.0" CACHE STRING "npm package carrying sqlite3.c")
set(UNKNOT_SQLITE_TGZ_NAME "better-sqlite3-12.9.0.tgz")
# sha256 of the tarball, pinned: a changed upstream file fails the build.
set(UNKNOT_SQLITE_TGZ_SHA256
    "ad0e29650140c49d0335b1d356596aa8166f12b758f418a98446130e3278f250")
if(DEFINED ENV{UNKNOT_DOWNLOAD_CACHE})
  set(_cache "$ENV{UNKNOT_DOWNLOAD_CACHE}")
elseif(DEFINED ENV{HOME})
  set(_cache "$ENV{HOME}/.cache/unknot")
else()
  set(_cache "${CMAKE_BINARY_DIR}/_downloads")
endif()
set(UNKNOT_DOWNLOAD_CACHE "${_cache}" CACHE PATH "where downloaded tarballs are kept")

set(_tgz "${UNKNOT_DOWNLOAD_CACHE}/${UNKNOT_SQLITE_TGZ_NAME}")
if(NOT EXISTS "${_tgz}")
  file(MAKE_DIRECTORY "${UNKNOT_DOWNLOAD_CACHE}")
  find_program(NPM_EXECUTABLE npm REQUIRED)
  message(STATUS "Fetching SQLite amalgamation: npm pack ${UNKNOT_SQLITE_NPM}")
  execute_process(
    COMMAND "${NPM_EXECUTABLE}" pack "${UNKNOT_SQLITE_NPM}" --silent
            --pack-destination "${UNKNOT_DOWNLOAD_CACHE}"
    RESULT_VARIABLE _rc OUTPUT_QUIET)
  if(NOT _rc EQUAL 0 OR NOT EXISTS "${_tgz}")
    message(FATAL_ERROR "could not fetch ${UNKNOT_SQLITE_NPM} with npm pack")
  endif()
endif()
file(SHA256 "${_tgz}" _sum)
if(NOT _sum STREQUAL UNKNOT_SQLITE_TGZ_SHA256)
  file(REMOVE "${_tgz}")
  message(FATAL_ERROR "${_tgz}: sha256 ${_sum}, expected ${UNKNOT_SQLITE_TGZ_SHA256}")
endif()
set(_sqlite_dir "${CMAKE_BINARY_DIR}/_deps/sqlite3")
if(NOT EXISTS "${_sqlite_dir}/sqlite3.c")
  file(ARCHIVE_EXTRACT INPUT "${_tgz}" DESTINATION "${CMAKE_BINARY_DIR}/_deps/unpack"
       PATTERNS "package/deps/sqlite3/sqlite3.c" "package/deps/sqlite3/sqlite3.h")
  file(COPY "${CMAKE_BINARY_DIR}/_deps/unpack/package/deps/sqlite3/"
       DESTINATION "${_sqlite_dir}")
endif()

add_library(unknot_sqlite3 STATIC "${_sqlite_dir}/sqlite3.c")
target_include_directories(unknot_sqlite3 SYSTEM PUBLIC "${_sqlite_dir}")
target_compile_definitions(unknot_sqlite3 PRIVATE
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_DQS=0
  SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_OMIT_DEPRECATED
  SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_DEFAULT_FOREIGN_KEYS=1)
if(EMSCRIPTEN)
  # The browser build ships every byte, so it leaves out what the core never
  # uses: SQL JSON and date/time functions, UTF-16, tracing, progress and
  # authorizer hooks, shared cache, incremental blobs, EXPLAIN, CHECK
  # constraints, introspection pragmas. All are plain #ifndef guards in the
  # amalgamation (none changes the parser: SQLITE_OMIT_WINDOWFUNC would, and
  # does not compile from the amalgamation). WAL stays: journals saved by older
  # versions on IDBFS are in WAL mode and are adopted into OPFS.
  target_compile_definitions(unknot_sqlite3 PRIVATE
    SQLITE_THREADSAFE=0
    SQLITE_OMIT_JSON
    SQLITE_OMIT_UTF16
    SQLITE_OMIT_TRACE
    SQLITE_OMIT_PROGRESS_CALLBACK
    SQLITE_OMIT_AUTHORIZATION
    SQLITE_OMIT_SHARED_CACHE
    SQLITE_OMIT_INCRBLOB
    SQLITE_OMIT_COMPLETE
    SQLITE_OMIT_GET_TABLE
    SQLITE_OMIT_TCL_VARIABLE
    SQLITE_OMIT_DECLTYPE
    SQLITE_OMIT_DESERIALIZE
    SQLITE_OMIT_DATETIME_FUNCS
    SQLITE_OMIT_INTROSPECTION_PRAGMAS
    SQLITE_OMIT_EXPLAIN
    SQLITE_OMIT_CHECK
    # Query-planner shortcuts for SQL the core never writes (LIKE, BETWEEN,
    # OR terms, INSERT ... SELECT, DELETE without WHERE), pragmas it never
    # runs (flag and schema pragmas, integrity_check, compile options),
    # blob literals, generated columns, foreign keys, auto-vacuum.
    SQLITE_OMIT_XFER_OPT
    SQLITE_OMIT_BETWEEN_OPTIMIZATION
    SQLITE_OMIT_LIKE_OPTIMIZATION
    SQLITE_OMIT_OR_OPTIMIZATION
    SQLITE_OMIT_TRUNCATE_OPTIMIZATION
    SQLITE_OMIT_FLAG_PRAGMAS
    SQLITE_OMIT_SCHEMA_PRAGMAS
    SQLITE_OMIT_INTEGRITY_CHECK
    SQLITE_OMIT_COMPILEOPTION_DIAGS
    SQLITE_OMIT_BLOB_LITERAL
    SQLITE_OMIT_GENERATED_COLUMNS
    SQLITE_OMIT_FOREIGN_KEY
    SQLITE_OMIT_AUTOVACUUM
    SQLITE_UNTESTABLE)
else()
  target_compile_definitions(unknot_sqlite3 PRIVATE SQLITE_THREADSAFE=1)
  find_package(Threads REQUIRED)
  target_link_libraries(unknot_sqlite3 PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()
# Third-party C: no sanitizers or warnings of ours (keeps the ASan build fast).
set_target_properties(unknot_sqlite3 PROPERTIES C_VISIBILITY_PRESET hidden)
