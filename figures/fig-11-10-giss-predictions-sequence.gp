# fig-11-10-giss-predictions-sequence: validation values and the RNN's predictions after 1500 epochs
# Data: fig-11-10-giss-predictions-sequence.dat. Redraw: gnuplot fig-11-10-giss-predictions-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-10-giss-predictions-sequence.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN after 1500 epochs (sequence layout)"
set xlabel "year"
set ylabel "temperature (z-score)"
set xrange [*:*] noextend
plot "fig-11-10-giss-predictions-sequence.dat" using 1:2 with lines ls 1 title "actual", \
     "" using 1:3 with lines ls 2 title "predicted"
unset output
