# fig-11-06-giss-record: the station's monthly mean temperatures, missing months marked
# Data: fig-11-06-giss-record.dat, fig-11-06-giss-record-missing.dat. Redraw: gnuplot fig-11-06-giss-record.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-06-giss-record.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Seattle-Tacoma monthly mean temperature (NASA GISS)"
set xlabel "year"
set ylabel "°C"
set key bmargin center horizontal nobox
set bmargin 7
set xrange [*:*] noextend
set yrange [-5:23]
plot "fig-11-06-giss-record.dat" using 1:2 with lines ls 1 lw 1 title "monthly mean", \
     "fig-11-06-giss-record-missing.dat" using 1:(-5):(0):(28) with vectors nohead lw 3 lc rgb "#d1495b" title "month missing from the file (999.9)"
unset output
