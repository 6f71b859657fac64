# fig-11-05b-search-ranking: validation MAE of every searched configuration, best first
# Data: fig-11-05b-search-ranking.dat. Redraw: gnuplot fig-11-05b-search-ranking.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-05b-search-ranking.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "The search: validation MAE of every configuration (best weights)"
set xlabel "rank (search seed 42)"
set ylabel "validation MAE"
set key top left
set xrange [0:13]
set yrange [4.3:4.7]
plot "fig-11-05b-search-ranking.dat" using 1:($4 == 2 && $3 == 3 ? $2 : NaN) with points pt 7 ps 1.6 lc rgb "#2a9d8f" title "2 conv layers, kernel 3", \
     "fig-11-05b-search-ranking.dat" using 1:($4 == 2 && $3 == 5 ? $2 : NaN) with points pt 5 ps 1.6 lc rgb "#2a9d8f" title "2 conv layers, kernel 5", \
     4.4439 with lines ls 6 title "the book's best (4.4439)"
unset output
