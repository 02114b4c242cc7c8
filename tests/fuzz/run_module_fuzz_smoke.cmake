# Runs the module loader fuzzer for 20 s over the committed seed modules
# (copied into a scratch corpus so the source tree stays untouched). Fails
# when the fuzzer finds a crash, a leak or a timeout.
file(REMOVE_RECURSE ${CORPUS})
file(MAKE_DIRECTORY ${CORPUS})
file(GLOB seeds ${SEEDS}/*.srb)
foreach(seed IN LISTS seeds)
  file(COPY ${seed} DESTINATION ${CORPUS})
endforeach()
execute_process(
  COMMAND ${FUZZER} -max_total_time=20 -timeout=10 -rss_limit_mb=2048
          -max_len=65536 ${CORPUS}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
string(REGEX MATCH "Done [0-9]+ runs[^\n]*" summary "${output}")
message(STATUS "module loader fuzz smoke: ${summary}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the fuzzer failed (${result}):\n${output}")
endif()
