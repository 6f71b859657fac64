# fig-11-08-giss-split: the normalised series, validation from Sep 2016
# Data: fig-11-08-giss-split.dat. Redraw: gnuplot fig-11-08-giss-split.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-08-giss-split.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Normalised series: training, and validation from Sep 2016"
set xlabel "year"
set ylabel "temperature (z-score)"
set key bmargin center horizontal nobox
set bmargin 6
set xrange [*:*] noextend
set arrow from 2016.7083333333333, graph 0 to 2016.7083333333333, graph 1 nohead ls 5 dt 2
set label 1 "validation from Sep 2016" at 2016.7083333333333, graph 0.06 right offset -1, 0 front
plot "fig-11-08-giss-split.dat" using 1:($3 == 0 ? $2 : NaN) with lines ls 3 lw 1 title "training", \
     "" using 1:($3 == 1 ? $2 : NaN) with lines ls 4 lw 1 title "validation"
unset output
