# nlohmann/json (header-only). Natively from Debian's package; under emcmake
# find_package fails and /usr/include must never be on the wasm include path
# (glibc headers break it), so the headers are copied into the build tree.
if(EMSCRIPTEN)
  set(_json_dir "${CMAKE_BINARY_DIR}/_deps/json/include")
  if(NOT EXISTS "${_json_dir}/nlohmann/json.hpp")
    if(NOT EXISTS "/usr/include/nlohmann/json.hpp")
      message(FATAL_ERROR "nlohmann/json not found: apt-get install nlohmann-json3-dev")
    endif()
    file(COPY "/usr/include/nlohmann" DESTINATION "${_json_dir}")
  endif()
  add_library(unknot_json INTERFACE)
  target_include_directories(unknot_json SYSTEM INTERFACE "${_json_dir}")
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  add_library(unknot_json INTERFACE)
  target_link_libraries(unknot_json INTERFACE nlohmann_json::nlohmann_json)
endif()
