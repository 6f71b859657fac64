# fig-11-09-giss-predictions-early: validation values and the RNN's predictions after 100 epochs
# Data: fig-11-09-giss-predictions-early.dat. Redraw: gnuplot fig-11-09-giss-predictions-early.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-09-giss-predictions-early.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN after 100 epochs (book layout)"
set xlabel "year"
set ylabel "temperature (z-score)"
set xrange [*:*] noextend
plot "fig-11-09-giss-predictions-early.dat" using 1:2 with lines ls 1 title "actual", \
     "" using 1:3 with lines ls 2 title "predicted"
unset output
