# fig-11-02-first-stride: the filter ["-0.5", "1", "-0.5"] over input cells 0 to 2
# Data: fig-11-02-first-stride.dat. Redraw: gnuplot fig-11-02-first-stride.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-02-first-stride.png"
set terminal pngcairo size 1200,520 enhanced font style_font linewidth 1.5
set output outfile
set title "The filter over the first three values"
unset border
unset tics
unset grid
unset key
set xrange [-2.6:10]
set yrange [-2.1:2.1]
set label "input" at -0.8, 0.0 right
set label "filter" at -0.8, 1.3 right
set label "output" at -0.8, -1.3 right
set label "lost" at 0, -1.3 center textcolor rgb "#999999" font ",15"
plot "fig-11-02-first-stride.dat" using 1:2:(0.46):(0.42):4 with boxxyerror fs solid 1.0 border lc rgb "#555555" fc rgb variable, \
     "" using 1:2:(sprintf("%g", $3)) with labels font ",20"
unset output
