# fig-11-05b-search-ranking: validation MAE of every searched configuration, best first, with the seed study's ranges
# Data: fig-11-05b-search-ranking.dat, fig-11-05b-search-ranking-seeds.dat. Redraw: gnuplot fig-11-05b-search-ranking.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-05b-search-ranking.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "The search: validation MAE of every configuration (best weights)"
set xlabel "rank (search seed 42)"
set ylabel "validation MAE"
set key top left
set xrange [0:49]
set yrange [4.3:4.7]
set label 2 "the book's choice (rank 12):\n2 conv [64, 32], k5, dense [64, 32], lr 1e-4" at 13.0, 4.401682 left front
set arrow 2 from 12.9, 4.401682 to 12.0, 4.477682 ls 5 lw 1.5 front
plot "fig-11-05b-search-ranking.dat" using 1:($4 == 1 && $3 == 3 ? $2 : NaN) with points pt 7 ps 1.6 lc rgb "#2a9d8f" title "1 conv layer, kernel 3", \
     "fig-11-05b-search-ranking.dat" using 1:($4 == 1 && $3 == 5 ? $2 : NaN) with points pt 5 ps 1.6 lc rgb "#2a9d8f" title "1 conv layer, kernel 5", \
     "fig-11-05b-search-ranking.dat" using 1:($4 == 2 && $3 == 3 ? $2 : NaN) with points pt 7 ps 1.6 lc rgb "#d1495b" title "2 conv layers, kernel 3", \
     "fig-11-05b-search-ranking.dat" using 1:($4 == 2 && $3 == 5 ? $2 : NaN) with points pt 5 ps 1.6 lc rgb "#d1495b" title "2 conv layers, kernel 5", \
     4.4439 with lines ls 6 title "the book's best (4.4439)", \
     "fig-11-05b-search-ranking-seeds.dat" using 1:2:3:4 with yerrorbars pt 1 ps 2 lw 2 lc rgb "#333333" title "over 10 seeds: mean, lowest to highest"
unset output
