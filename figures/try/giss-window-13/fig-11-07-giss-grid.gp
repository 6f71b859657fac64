# fig-11-07-giss-grid: the station file as a grid of years by months, coloured by temperature
# Data: fig-11-07-giss-grid.dat. Redraw: gnuplot fig-11-07-giss-grid.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-07-giss-grid.png"
set terminal pngcairo size 900,1100 enhanced font style_font linewidth 1.5
set output outfile
set title "The station file as a grid: one row per year, one column per month"
set xlabel "month"
set ylabel "year"
set xtics ("Jan" 1, "Mar" 3, "May" 5, "Jul" 7, "Sep" 9, "Nov" 11)
set xrange [0.5:12.5]
set yrange [2024.5:1949.5]
set cblabel "°C"
set palette defined (0 "#2c7bb6", 0.5 "#ffffbf", 1 "#d7191c")
unset key
unset grid
plot "fig-11-07-giss-grid.dat" using 1:2:3 with image
unset output
