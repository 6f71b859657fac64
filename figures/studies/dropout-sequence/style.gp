# Shared style of the Chapter 11 workbook's figures. Every fig-*.gp script loads this file.
style_font = "DejaVu Sans,16"
set encoding utf8
set border lw 1 lc rgb "#444444"
set grid back lw 1 lc rgb "#dddddd"
set tics nomirror textcolor rgb "#333333"
set key top left box lw 1 opaque
set style line 1 lc rgb "#1f5fa8" lw 2      # actual values
set style line 2 lc rgb "#d1495b" lw 2      # predicted values
set style line 3 lc rgb "#2a9d8f" lw 2      # training
set style line 4 lc rgb "#e07a1f" lw 2      # validation
set style line 5 lc rgb "#6a4c93" lw 2      # accent: a split, a marked value
set style line 6 lc rgb "#888888" lw 1 dt 2 # muted guides
cell_fill = "#eef3fa"
cell_highlight = "#fde8c8"
cell_result = "#d8f0e4"
