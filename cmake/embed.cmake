# whosaid_embed(TARGET SYMBOL FILE): links FILE's bytes into TARGET as
#   extern "C" const char SYMBOL[]; extern "C" const unsigned long long SYMBOL_size;
# using the assembler's .incbin, so large model files cost nothing at configure time.
function(whosaid_embed target symbol file)
  get_filename_component(abs "${file}" ABSOLUTE)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.S")
  file(WRITE "${out}.in"
"    .section .rodata
    .global ${symbol}
    .global ${symbol}_size
    .balign 16
${symbol}:
    .incbin \"${abs}\"
${symbol}_end:
    .byte 0
    .balign 8
${symbol}_size:
    .quad ${symbol}_end - ${symbol}
    .section .note.GNU-stack,\"\",@progbits
")
  configure_file("${out}.in" "${out}" COPYONLY)
  set_source_files_properties("${out}" PROPERTIES OBJECT_DEPENDS "${abs}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
