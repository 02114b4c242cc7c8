# Runs a fuzzer for a bounded time over seeds taken from the probe file.
# Fails when the fuzzer finds a crash, a leak or a timeout.
# Seeds come from PROBES (a probe table: one seed a row) or SEED_SOURCES
# (folders separated by '|': every .rule file below them).
file(MAKE_DIRECTORY ${SEEDS})
if(DEFINED PROBES)
  file(STRINGS ${PROBES} rows)
  set(index 0)
  foreach(row IN LISTS rows)
    math(EXPR index "${index} + 1")
    if(index GREATER 1 AND index LESS 400)
      string(REGEX REPLACE "^[^\t]*\t\"(.*)\"\t[A-Z]+$" "\\1" query "${row}")
      file(WRITE ${SEEDS}/seed${index} "${query}")
    endif()
  endforeach()
endif()
if(DEFINED SEED_SOURCES)
  string(REPLACE "|" ";" folders "${SEED_SOURCES}")
  foreach(folder IN LISTS folders)
    file(GLOB_RECURSE found ${folder}/*.rule)
    file(COPY ${found} DESTINATION ${SEEDS})
  endforeach()
endif()
execute_process(
  COMMAND ${FUZZER} -max_total_time=20 -timeout=10 -rss_limit_mb=2048
          -max_len=4096 ${SEEDS}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
string(REGEX MATCH "Done [0-9]+ runs[^\n]*" summary "${output}")
message(STATUS "jql parser fuzz smoke: ${summary}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the fuzzer failed (${result}):\n${output}")
endif()
