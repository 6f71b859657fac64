# fig-11-01-sequence: the sequence as a row of cells
# Data: fig-11-01-sequence.dat. Redraw: gnuplot fig-11-01-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-01-sequence.png"
set terminal pngcairo size 1200,260 enhanced font style_font linewidth 1.5
set output outfile
set title "A sequence of numbers"
unset border
unset tics
unset grid
unset key
set xrange [-2.6:10]
set yrange [-0.8:0.8]
set label "input" at -0.8, 0.0 right
plot "fig-11-01-sequence.dat" using 1:2:(0.46):(0.42):4 with boxxyerror fs solid 1.0 border lc rgb "#555555" fc rgb variable, \
     "" using 1:2:(sprintf("%g", $3)) with labels font ",20"
unset output
