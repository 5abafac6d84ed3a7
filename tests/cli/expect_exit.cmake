# Runs EXE with ARGS (a ;-list) and checks it. Variables:
#   EXPECT_CODE    the exit code
#   EXPECT_STDERR  text stderr must contain
#   EXPECT_JSON    a ;-list of PATH=VALUE checks on stdout parsed as JSON; PATH is dot-separated
#                  (e.g. "leads_by_stage.patient=3"), VALUE compared as text
#   EXPECT_FILE    a file that must exist afterwards; EXPECT_NO_FILE one that must not
# cli_test() passes lists with '|' separators.
string(REPLACE "|" ";" ARGS "${ARGS}")
string(REPLACE "|" ";" EXPECT_JSON "${EXPECT_JSON}")
execute_process(COMMAND "${EXE}" ${ARGS} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL EXPECT_CODE)
  message(FATAL_ERROR "expected exit code ${EXPECT_CODE}, got ${code}\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED EXPECT_STDERR)
  string(FIND "${err}" "${EXPECT_STDERR}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "stderr does not contain '${EXPECT_STDERR}':\n${err}")
  endif()
endif()
foreach(check IN LISTS EXPECT_JSON)
  string(FIND "${check}" "=" eq)
  string(SUBSTRING "${check}" 0 ${eq} path)
  math(EXPR value_start "${eq} + 1")
  string(SUBSTRING "${check}" ${value_start} -1 expected)
  string(REPLACE "." ";" keys "${path}")
  string(JSON actual ERROR_VARIABLE json_error GET "${out}" ${keys})
  if(json_error)
    message(FATAL_ERROR "stdout has no ${path}: ${json_error}\nstdout: ${out}")
  endif()
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${path}: expected '${expected}', got '${actual}'\nstdout: ${out}")
  endif()
endforeach()
if(DEFINED EXPECT_FILE AND NOT EXISTS "${EXPECT_FILE}")
  message(FATAL_ERROR "expected ${EXPECT_FILE} to exist")
endif()
if(DEFINED EXPECT_NO_FILE AND EXISTS "${EXPECT_NO_FILE}")
  message(FATAL_ERROR "expected ${EXPECT_NO_FILE} not to exist")
endif()
