/**
 * Well-known people and characters: a name on this list is still a PERSON finding, but it carries
 * `publicFigure: true`, and the policy decides (by default a public figure named in a question is allowed).
 *
 * Written by hand for this project from general knowledge (no list was copied or downloaded): historical figures,
 * rulers and politicians, scientists and inventors, philosophers, writers, artists, composers and musicians, actors,
 * athletes, business people, religious figures, and famous fictional characters, with a few in Cyrillic, Chinese,
 * Devanagari and Arabic script. It is meant to cover the names
 * people ask an assistant about ("Who was Abraham Lincoln?", "Summarize Marie Curie's work"), not to be complete.
 *
 * Full names that many private people share ("John Williams", "Gordon Brown") are left out: a finding marked as a
 * public figure may pass the firewall.
 *
 * FULL: one name per line as usually written. Matching ignores case, accents, dots, initials and "Jr."/"II", so
 * "John F. Kennedy" is also "John Kennedy". A title or word right before a name is tried too ("Queen Elizabeth").
 *
 * SINGLE: surnames and one-word names that, alone, almost always mean the famous person (Einstein, Gandhi,
 * Shakespeare, Napoleon, Gandalf). Such a word alone and without a person cue before it is no finding at all ("What
 * did Lincoln do?"); with a cue ("Ask Lincoln", "Mr. Lincoln") it is a finding marked as a public figure. Surnames
 * that many ordinary people have (Newton, Kennedy, Wagner, Jung, Ali) are left out, and so are first names ("Leonardo",
 * "Homer"; "Elvis" is kept: few people are called Elvis): with a cue they would pass as public figures.
 */

export const PUBLIC_FIGURES_FULL = `
Abraham Lincoln
George Washington
Thomas Jefferson
John Adams
James Madison
James Monroe
Andrew Jackson
Ulysses S. Grant
Theodore Roosevelt
Franklin D. Roosevelt
Franklin Delano Roosevelt
Eleanor Roosevelt
Woodrow Wilson
Harry Truman
Harry S. Truman
Dwight D. Eisenhower
Dwight Eisenhower
John F. Kennedy
Jacqueline Kennedy
Jackie Kennedy
Robert F. Kennedy
Robert Kennedy
Ted Kennedy
Lyndon B. Johnson
Lyndon Johnson
Richard Nixon
Richard M. Nixon
Gerald Ford
Jimmy Carter
Ronald Reagan
Nancy Reagan
George H. W. Bush
George W. Bush
George Bush
Bill Clinton
Hillary Clinton
Hillary Rodham Clinton
Barack Obama
Michelle Obama
Donald Trump
Melania Trump
Ivanka Trump
Joe Biden
Jill Biden
Kamala Harris
Mike Pence
JD Vance
J. D. Vance
Al Gore
Dick Cheney
Nancy Pelosi
Bernie Sanders
Elizabeth Warren
Alexandria Ocasio-Cortez
Mitch McConnell
Chuck Schumer
John McCain
Mitt Romney
Ron DeSantis
Marco Rubio
Ted Cruz
Colin Powell
Condoleezza Rice
Henry Kissinger
Madeleine Albright
Benjamin Franklin
Alexander Hamilton
Aaron Burr
John Hancock
Paul Revere
Betsy Ross
Patrick Henry
Samuel Adams
Frederick Douglass
Harriet Tubman
Sojourner Truth
Susan B. Anthony
Elizabeth Cady Stanton
Martin Luther King
Martin Luther King Jr.
Coretta Scott King
Malcolm X
Rosa Parks
Booker T. Washington
W. E. B. Du Bois
Thurgood Marshall
Ruth Bader Ginsburg
Sonia Sotomayor
Clarence Thomas
Antonin Scalia
Sandra Day O'Connor
Amelia Earhart
Charles Lindbergh
Neil Armstrong
Buzz Aldrin
Yuri Gagarin
Valentina Tereshkova
Sally Ride
John Glenn
Alan Shepard
Mae Jemison
Winston Churchill
Neville Chamberlain
Clement Attlee
Margaret Thatcher
Tony Blair
David Cameron
Theresa May
Boris Johnson
Liz Truss
Rishi Sunak
Keir Starmer
Jeremy Corbyn
Nigel Farage
Queen Elizabeth
Queen Elizabeth II
Elizabeth II
Queen Victoria
King Charles
King Charles III
Prince Charles
Princess Diana
Diana Spencer
Lady Diana
Prince William
Prince Harry
Kate Middleton
Meghan Markle
Prince Philip
King George III
King George VI
Henry VIII
King Henry VIII
Anne Boleyn
Catherine of Aragon
Queen Elizabeth I
Elizabeth I
Mary Queen of Scots
William the Conqueror
Richard the Lionheart
Oliver Cromwell
Thomas More
Thomas Cromwell
Guy Fawkes
Robin Hood
King Arthur
Horatio Nelson
Duke of Wellington
Florence Nightingale
Emmeline Pankhurst
Napoleon Bonaparte
Josephine Bonaparte
Louis XIV
Louis XVI
Marie Antoinette
Joan of Arc
Charles de Gaulle
Emmanuel Macron
Brigitte Macron
Nicolas Sarkozy
Francois Hollande
François Hollande
Jacques Chirac
Francois Mitterrand
François Mitterrand
Marine Le Pen
Maximilien Robespierre
Cardinal Richelieu
Charlemagne
Otto von Bismarck
Adolf Hitler
Joseph Goebbels
Heinrich Himmler
Hermann Goering
Hermann Göring
Rudolf Hess
Erwin Rommel
Anne Frank
Oskar Schindler
Sophie Scholl
Konrad Adenauer
Willy Brandt
Helmut Kohl
Helmut Schmidt
Gerhard Schröder
Angela Merkel
Olaf Scholz
Friedrich Merz
Ursula von der Leyen
Frank-Walter Steinmeier
Martin Luther
Johannes Gutenberg
Frederick the Great
Maria Theresa
Benito Mussolini
Giuseppe Garibaldi
Silvio Berlusconi
Giorgia Meloni
Mario Draghi
Julius Caesar
Augustus Caesar
Mark Antony
Marcus Aurelius
Nero
Caligula
Hannibal Barca
Alexander the Great
Cleopatra
Ramses II
Tutankhamun
Pericles
Leonidas
Attila the Hun
Genghis Khan
Kublai Khan
Marco Polo
Leif Erikson
Leif Ericson
Christopher Columbus
Ferdinand Magellan
Vasco da Gama
Amerigo Vespucci
Hernan Cortes
Hernán Cortés
Francisco Pizarro
Simon Bolivar
Simón Bolívar
Che Guevara
Ernesto Che Guevara
Fidel Castro
Raul Castro
Raúl Castro
Hugo Chavez
Hugo Chávez
Nicolas Maduro
Nicolás Maduro
Evita Peron
Eva Perón
Juan Peron
Juan Perón
Augusto Pinochet
Salvador Allende
Lula da Silva
Luiz Inacio Lula da Silva
Jair Bolsonaro
Dilma Rousseff
Javier Milei
Andres Manuel Lopez Obrador
Claudia Sheinbaum
Justin Trudeau
Pierre Trudeau
Mark Carney
Stephen Harper
Vladimir Putin
Dmitry Medvedev
Mikhail Gorbachev
Boris Yeltsin
Joseph Stalin
Vladimir Lenin
Leon Trotsky
Nikita Khrushchev
Leonid Brezhnev
Catherine the Great
Peter the Great
Ivan the Terrible
Grigori Rasputin
Alexei Navalny
Volodymyr Zelensky
Volodymyr Zelenskyy
Recep Tayyip Erdogan
Recep Tayyip Erdoğan
Mustafa Kemal Ataturk
Mustafa Kemal Atatürk
Mahatma Gandhi
Mohandas Gandhi
Mohandas Karamchand Gandhi
Jawaharlal Nehru
Indira Gandhi
Rajiv Gandhi
Sonia Gandhi
Rahul Gandhi
Narendra Modi
Manmohan Singh
Atal Bihari Vajpayee
B. R. Ambedkar
Bhimrao Ambedkar
Subhas Chandra Bose
Sardar Patel
Vallabhbhai Patel
Bhagat Singh
Rabindranath Tagore
Swami Vivekananda
Muhammad Ali Jinnah
Benazir Bhutto
Imran Khan
Nawaz Sharif
Malala Yousafzai
Sheikh Hasina
Mao Zedong
Mao Tse-tung
Deng Xiaoping
Xi Jinping
Zhou Enlai
Sun Yat-sen
Chiang Kai-shek
Hu Jintao
Jiang Zemin
Li Keqiang
Puyi
Qin Shi Huang
Kim Jong Un
Kim Jong-un
Kim Jong Il
Kim Il Sung
Ho Chi Minh
Pol Pot
Aung San Suu Kyi
Lee Kuan Yew
Emperor Hirohito
Hirohito
Shinzo Abe
Fumio Kishida
Ferdinand Marcos
Rodrigo Duterte
Corazon Aquino
Sukarno
Suharto
Nelson Mandela
Winnie Mandela
Desmond Tutu
F. W. de Klerk
Jacob Zuma
Cyril Ramaphosa
Kofi Annan
Ban Ki-moon
Antonio Guterres
António Guterres
Haile Selassie
Idi Amin
Robert Mugabe
Muammar Gaddafi
Saddam Hussein
Osama bin Laden
Yasser Arafat
Anwar Sadat
Gamal Abdel Nasser
Hosni Mubarak
Ayatollah Khomeini
Ruhollah Khomeini
Ali Khamenei
Golda Meir
David Ben-Gurion
Yitzhak Rabin
Shimon Peres
Menachem Begin
Benjamin Netanyahu
Ariel Sharon
Bashar al-Assad
King Hussein
Mohammed bin Salman
Pope Francis
Pope Benedict XVI
Pope John Paul II
Pope Leo XIV
Mother Teresa
Dalai Lama
Jesus Christ
Virgin Mary
Mary Magdalene
John the Baptist
Saint Peter
Saint Paul
Saint Patrick
Saint Nicholas
Francis of Assisi
Thomas Aquinas
Saint Augustine
Augustine of Hippo
Joan of Arc
Moses
Abraham
Buddha
Gautama Buddha
Siddhartha Gautama
Confucius
Lao Tzu
Laozi
Sun Tzu
Muhammad Ali
Albert Einstein
Isaac Newton
Galileo Galilei
Nicolaus Copernicus
Johannes Kepler
Tycho Brahe
Charles Darwin
Alfred Russel Wallace
Gregor Mendel
Marie Curie
Pierre Curie
Marie Sklodowska-Curie
Marie Skłodowska-Curie
Niels Bohr
Max Planck
Werner Heisenberg
Erwin Schrödinger
Erwin Schrodinger
Paul Dirac
Wolfgang Pauli
Enrico Fermi
Richard Feynman
Robert Oppenheimer
J. Robert Oppenheimer
Edward Teller
Ernest Rutherford
James Clerk Maxwell
Michael Faraday
Nikola Tesla
Thomas Edison
Thomas Alva Edison
Alexander Graham Bell
Guglielmo Marconi
Alessandro Volta
Andre-Marie Ampere
André-Marie Ampère
Georg Ohm
James Watt
Blaise Pascal
Rene Descartes
René Descartes
Pierre de Fermat
Leonhard Euler
Carl Friedrich Gauss
Bernhard Riemann
David Hilbert
Kurt Gödel
Kurt Godel
Emmy Noether
Srinivasa Ramanujan
Alan Turing
Ada Lovelace
Charles Babbage
John von Neumann
Claude Shannon
Grace Hopper
Katherine Johnson
Dorothy Vaughan
Tim Berners-Lee
Vint Cerf
Dennis Ritchie
Linus Torvalds
Richard Stallman
Donald Knuth
Edsger Dijkstra
Geoffrey Hinton
Yann LeCun
Yoshua Bengio
Andrew Ng
Fei-Fei Li
Demis Hassabis
Stephen Hawking
Carl Sagan
Neil deGrasse Tyson
Edwin Hubble
Jane Goodall
Dian Fossey
Rachel Carson
David Attenborough
Louis Pasteur
Robert Koch
Alexander Fleming
Edward Jenner
Jonas Salk
Joseph Lister
Sigmund Freud
Carl Jung
Ivan Pavlov
Jean Piaget
B. F. Skinner
Rosalind Franklin
James Watson
Francis Crick
Dmitri Mendeleev
Antoine Lavoisier
Robert Boyle
Alfred Nobel
Orville Wright
Wilbur Wright
Henry Ford
Karl Benz
Gottlieb Daimler
Rudolf Diesel
Leonardo da Vinci
Michelangelo Buonarroti
Raphael Sanzio
Sandro Botticelli
Donatello
Titian
Caravaggio
Rembrandt van Rijn
Johannes Vermeer
Vincent van Gogh
Paul Gauguin
Paul Cezanne
Paul Cézanne
Claude Monet
Edouard Manet
Édouard Manet
Pierre-Auguste Renoir
Edgar Degas
Henri Matisse
Pablo Picasso
Salvador Dali
Salvador Dalí
Joan Miro
Joan Miró
Frida Kahlo
Diego Rivera
Georgia O'Keeffe
Andy Warhol
Jackson Pollock
Mark Rothko
Roy Lichtenstein
Jean-Michel Basquiat
Keith Haring
Banksy
Gustav Klimt
Egon Schiele
Edvard Munch
Wassily Kandinsky
Piet Mondrian
Rene Magritte
René Magritte
Marc Chagall
Francisco Goya
Diego Velazquez
Diego Velázquez
El Greco
Albrecht Durer
Albrecht Dürer
Hieronymus Bosch
Peter Paul Rubens
Jan van Eyck
Auguste Rodin
Antoni Gaudi
Antoni Gaudí
Frank Lloyd Wright
Le Corbusier
Ludwig Mies van der Rohe
Zaha Hadid
I. M. Pei
Coco Chanel
Christian Dior
Yves Saint Laurent
Karl Lagerfeld
Giorgio Armani
Gianni Versace
Ralph Lauren
Calvin Klein
William Shakespeare
Geoffrey Chaucer
John Milton
William Blake
William Wordsworth
Samuel Taylor Coleridge
Lord Byron
Percy Bysshe Shelley
Mary Shelley
John Keats
Jane Austen
Charlotte Bronte
Charlotte Brontë
Emily Bronte
Emily Brontë
Anne Bronte
Charles Dickens
George Eliot
Thomas Hardy
Oscar Wilde
Lewis Carroll
Rudyard Kipling
Arthur Conan Doyle
Robert Louis Stevenson
H. G. Wells
George Orwell
Aldous Huxley
Virginia Woolf
James Joyce
Samuel Beckett
W. B. Yeats
William Butler Yeats
T. S. Eliot
Agatha Christie
J. R. R. Tolkien
C. S. Lewis
Roald Dahl
J. K. Rowling
Ian Fleming
Douglas Adams
Terry Pratchett
Neil Gaiman
Salman Rushdie
Kazuo Ishiguro
Ian McEwan
Zadie Smith
Mark Twain
Edgar Allan Poe
Herman Melville
Nathaniel Hawthorne
Walt Whitman
Emily Dickinson
Henry David Thoreau
Ralph Waldo Emerson
Louisa May Alcott
Harriet Beecher Stowe
F. Scott Fitzgerald
Ernest Hemingway
William Faulkner
John Steinbeck
Harper Lee
J. D. Salinger
Jack Kerouac
Kurt Vonnegut
Ray Bradbury
Isaac Asimov
Philip K. Dick
Ursula K. Le Guin
Toni Morrison
Maya Angelou
Langston Hughes
Zora Neale Hurston
James Baldwin
Sylvia Plath
Robert Frost
Stephen King
Dan Brown
John Grisham
Cormac McCarthy
Margaret Atwood
Alice Munro
Leo Tolstoy
Fyodor Dostoevsky
Fyodor Dostoyevsky
Anton Chekhov
Alexander Pushkin
Nikolai Gogol
Ivan Turgenev
Boris Pasternak
Mikhail Bulgakov
Aleksandr Solzhenitsyn
Vladimir Nabokov
Maxim Gorky
Johann Wolfgang von Goethe
Friedrich Schiller
Thomas Mann
Hermann Hesse
Franz Kafka
Bertolt Brecht
Rainer Maria Rilke
Günter Grass
Gunter Grass
Victor Hugo
Alexandre Dumas
Honore de Balzac
Honoré de Balzac
Gustave Flaubert
Emile Zola
Émile Zola
Marcel Proust
Albert Camus
Jean-Paul Sartre
Simone de Beauvoir
Jules Verne
Antoine de Saint-Exupery
Antoine de Saint-Exupéry
Moliere
Molière
Dante Alighieri
Giovanni Boccaccio
Francesco Petrarca
Umberto Eco
Italo Calvino
Miguel de Cervantes
Federico Garcia Lorca
Federico García Lorca
Gabriel Garcia Marquez
Gabriel García Márquez
Jorge Luis Borges
Pablo Neruda
Isabel Allende
Mario Vargas Llosa
Octavio Paz
Paulo Coelho
Fernando Pessoa
Jose Saramago
José Saramago
Hans Christian Andersen
Henrik Ibsen
August Strindberg
Astrid Lindgren
Haruki Murakami
Yukio Mishima
Chinua Achebe
Wole Soyinka
Homer
Virgil
Ovid
Sappho
Aesop
Sophocles
Euripides
Aristophanes
Socrates
Plato
Aristotle
Pythagoras
Euclid
Archimedes
Hippocrates
Herodotus
Thucydides
Epicurus
Diogenes
Seneca
Cicero
Immanuel Kant
Georg Wilhelm Friedrich Hegel
Friedrich Nietzsche
Arthur Schopenhauer
Karl Marx
Friedrich Engels
Adam Smith
John Maynard Keynes
Milton Friedman
Friedrich Hayek
David Hume
John Locke
Thomas Hobbes
Jean-Jacques Rousseau
Voltaire
Montesquieu
Niccolo Machiavelli
Niccolò Machiavelli
Baruch Spinoza
Gottfried Wilhelm Leibniz
Soren Kierkegaard
Søren Kierkegaard
Ludwig Wittgenstein
Bertrand Russell
John Stuart Mill
Jeremy Bentham
Martin Heidegger
Hannah Arendt
Michel Foucault
Jacques Derrida
Noam Chomsky
Ayn Rand
Wolfgang Amadeus Mozart
Ludwig van Beethoven
Johann Sebastian Bach
George Frideric Handel
Joseph Haydn
Franz Schubert
Frederic Chopin
Frédéric Chopin
Franz Liszt
Richard Wagner
Johannes Brahms
Robert Schumann
Clara Schumann
Felix Mendelssohn
Giuseppe Verdi
Giacomo Puccini
Antonio Vivaldi
Pyotr Ilyich Tchaikovsky
Sergei Rachmaninoff
Igor Stravinsky
Dmitri Shostakovich
Claude Debussy
Maurice Ravel
Gustav Mahler
Antonin Dvorak
Antonín Dvořák
Leonard Bernstein
George Gershwin
Hans Zimmer
Ennio Morricone
Elvis Presley
Frank Sinatra
Louis Armstrong
Duke Ellington
Ella Fitzgerald
Billie Holiday
Miles Davis
John Coltrane
Ray Charles
Aretha Franklin
Nina Simone
Johnny Cash
Chuck Berry
Little Richard
Buddy Holly
John Lennon
Paul McCartney
George Harrison
Ringo Starr
Mick Jagger
Keith Richards
Bob Dylan
Bob Marley
Jimi Hendrix
Janis Joplin
Jim Morrison
David Bowie
Freddie Mercury
Elton John
Stevie Wonder
Marvin Gaye
Michael Jackson
Janet Jackson
Prince Rogers Nelson
Whitney Houston
Tina Turner
Dolly Parton
Bruce Springsteen
Kurt Cobain
Amy Winehouse
Madonna
Cher
Celine Dion
Céline Dion
Mariah Carey
Britney Spears
Beyonce
Beyoncé
Beyonce Knowles
Beyoncé Knowles
Jay-Z
Kanye West
Kim Kardashian
Kylie Jenner
Rihanna
Taylor Swift
Lady Gaga
Katy Perry
Ariana Grande
Billie Eilish
Ed Sheeran
Adele
Justin Bieber
Selena Gomez
Shakira
Eminem
Snoop Dogg
Tupac Shakur
Dr. Dre
Drake
Kendrick Lamar
Bad Bunny
Harry Styles
Dua Lipa
Olivia Rodrigo
Sabrina Carpenter
Bruno Mars
The Weeknd
Lionel Richie
Paul Simon
Leonard Cohen
Joni Mitchell
Neil Young
Bono
Sting
Ozzy Osbourne
Luciano Pavarotti
Andrea Bocelli
Maria Callas
Charlie Chaplin
Buster Keaton
Marilyn Monroe
Audrey Hepburn
Katharine Hepburn
Humphrey Bogart
Grace Kelly
James Dean
Marlon Brando
John Wayne
Clark Gable
Cary Grant
Elizabeth Taylor
Judy Garland
Fred Astaire
Gene Kelly
Alfred Hitchcock
Stanley Kubrick
Orson Welles
Walt Disney
Steven Spielberg
Martin Scorsese
Francis Ford Coppola
George Lucas
Quentin Tarantino
Christopher Nolan
James Cameron
Ridley Scott
Tim Burton
Wes Anderson
Greta Gerwig
Akira Kurosawa
Hayao Miyazaki
Federico Fellini
Ingmar Bergman
Pedro Almodovar
Pedro Almodóvar
Clint Eastwood
Jack Nicholson
Robert De Niro
Al Pacino
Dustin Hoffman
Meryl Streep
Tom Hanks
Tom Cruise
Brad Pitt
Angelina Jolie
Leonardo DiCaprio
Johnny Depp
Will Smith
Denzel Washington
Morgan Freeman
Samuel L. Jackson
Harrison Ford
Keanu Reeves
Nicole Kidman
Julia Roberts
Sandra Bullock
Jennifer Aniston
Jennifer Lawrence
Jennifer Lopez
Scarlett Johansson
Natalie Portman
Emma Watson
Emma Stone
Daniel Radcliffe
Rupert Grint
Robert Downey Jr.
Chris Hemsworth
Chris Evans
Ryan Reynolds
Ryan Gosling
Margot Robbie
Zendaya
Timothee Chalamet
Timothée Chalamet
Dwayne Johnson
Arnold Schwarzenegger
Sylvester Stallone
Bruce Lee
Jackie Chan
Jet Li
Bruce Willis
Mel Gibson
Anthony Hopkins
Judi Dench
Helen Mirren
Maggie Smith
Ian McKellen
Patrick Stewart
Benedict Cumberbatch
Cillian Murphy
Kate Winslet
Cate Blanchett
Keira Knightley
Hugh Grant
Hugh Jackman
Russell Crowe
Sean Connery
Daniel Craig
Pierce Brosnan
Roger Moore
Rowan Atkinson
Mr. Bean
Oprah Winfrey
Ellen DeGeneres
Jimmy Fallon
Jimmy Kimmel
Stephen Colbert
Jon Stewart
John Oliver
David Letterman
Conan O'Brien
Jerry Seinfeld
Robin Williams
Jim Carrey
Eddie Murphy
Steve Martin
Adam Sandler
Ben Stiller
Kevin Hart
Dave Chappelle
Ricky Gervais
Sacha Baron Cohen
Bill Murray
Shah Rukh Khan
Amitabh Bachchan
Aishwarya Rai
Priyanka Chopra
Salman Khan
Aamir Khan
Deepika Padukone
Ranveer Singh
Rajinikanth
Lata Mangeshkar
A. R. Rahman
Satyajit Ray
Bill Gates
Melinda Gates
Steve Jobs
Steve Wozniak
Elon Musk
Jeff Bezos
Mark Zuckerberg
Sheryl Sandberg
Larry Page
Sergey Brin
Sundar Pichai
Satya Nadella
Tim Cook
Jensen Huang
Sam Altman
Dario Amodei
Ilya Sutskever
Greg Brockman
Mira Murati
Jack Dorsey
Warren Buffett
Charlie Munger
George Soros
Michael Bloomberg
Richard Branson
Jack Ma
Bernard Arnault
Larry Ellison
Michael Dell
Peter Thiel
Reid Hoffman
Marc Andreessen
Jamie Dimon
Jack Welch
Lee Iacocca
Andrew Carnegie
John D. Rockefeller
J. P. Morgan
Cornelius Vanderbilt
Howard Hughes
Walt Disney
Ray Kroc
Sam Walton
Estee Lauder
Estée Lauder
Martha Stewart
Ratan Tata
Mukesh Ambani
Gautam Adani
Masayoshi Son
Akio Morita
Soichiro Honda
Kiichiro Toyoda
Ferdinand Porsche
Enzo Ferrari
Ingvar Kamprad
Muhammad Ali
Michael Jordan
LeBron James
Kobe Bryant
Magic Johnson
Larry Bird
Shaquille O'Neal
Stephen Curry
Kareem Abdul-Jabbar
Wilt Chamberlain
Babe Ruth
Jackie Robinson
Lou Gehrig
Derek Jeter
Shohei Ohtani
Tom Brady
Peyton Manning
Joe Montana
Patrick Mahomes
Serena Williams
Venus Williams
Roger Federer
Rafael Nadal
Novak Djokovic
Andy Murray
Carlos Alcaraz
Jannik Sinner
Steffi Graf
Martina Navratilova
Billie Jean King
Andre Agassi
Pete Sampras
Bjorn Borg
Björn Borg
John McEnroe
Naomi Osaka
Pele
Pelé
Diego Maradona
Lionel Messi
Cristiano Ronaldo
Neymar
Kylian Mbappe
Kylian Mbappé
Erling Haaland
Zinedine Zidane
Johan Cruyff
Franz Beckenbauer
David Beckham
Victoria Beckham
Wayne Rooney
Thierry Henry
Ronaldinho
Mohamed Salah
Harry Kane
Gareth Bale
Sergio Ramos
Luka Modric
Luka Modrić
Robert Lewandowski
Jose Mourinho
José Mourinho
Pep Guardiola
Alex Ferguson
Sir Alex Ferguson
Jurgen Klopp
Jürgen Klopp
Usain Bolt
Carl Lewis
Jesse Owens
Michael Phelps
Simone Biles
Nadia Comaneci
Nadia Comăneci
Tiger Woods
Jack Nicklaus
Arnold Palmer
Rory McIlroy
Lewis Hamilton
Michael Schumacher
Ayrton Senna
Max Verstappen
Sebastian Vettel
Fernando Alonso
Niki Lauda
Mike Tyson
Floyd Mayweather
Manny Pacquiao
Conor McGregor
Wayne Gretzky
Sachin Tendulkar
Virat Kohli
MS Dhoni
Don Bradman
Shane Warne
Brian Lara
Eliud Kipchoge
Roger Bannister
Tony Hawk
Lance Armstrong
Greta Thunberg
Anne Frank
Helen Keller
Sherlock Holmes
Dr. Watson
Professor Moriarty
James Moriarty
Hercule Poirot
Miss Marple
Jane Marple
Anna Karenina
Count Vronsky
Natasha Rostova
Pierre Bezukhov
Andrei Bolkonsky
Rodion Raskolnikov
Eugene Onegin
Elizabeth Bennet
Fitzwilliam Darcy
Mr. Darcy
Emma Woodhouse
Jane Eyre
Edward Rochester
Heathcliff
Catherine Earnshaw
Oliver Twist
Ebenezer Scrooge
David Copperfield
Pip Pirrip
Miss Havisham
Jay Gatsby
Daisy Buchanan
Nick Carraway
Holden Caulfield
Atticus Finch
Scout Finch
Boo Radley
Tom Sawyer
Huckleberry Finn
Huck Finn
Captain Ahab
Hester Prynne
Scarlett O'Hara
Rhett Butler
Jean Valjean
Javert
Quasimodo
Esmeralda
Emma Bovary
Madame Bovary
Don Quixote
Sancho Panza
Romeo Montague
Juliet Capulet
Hamlet
Ophelia
Macbeth
Lady Macbeth
Othello
Iago
King Lear
Prospero
Falstaff
Shylock
Dorian Gray
Victor Frankenstein
Count Dracula
Dracula
Frankenstein
Dr. Jekyll
Mr. Hyde
Peter Pan
Tinker Bell
Captain Hook
Winnie the Pooh
Mary Poppins
Willy Wonka
Charlie Bucket
Matilda Wormwood
Harry Potter
Hermione Granger
Ron Weasley
Ginny Weasley
Fred Weasley
George Weasley
Albus Dumbledore
Severus Snape
Lord Voldemort
Tom Riddle
Rubeus Hagrid
Draco Malfoy
Sirius Black
Neville Longbottom
Luna Lovegood
Minerva McGonagall
Frodo Baggins
Bilbo Baggins
Samwise Gamgee
Gandalf
Aragorn
Legolas
Gimli
Gollum
Sauron
Saruman
Arwen
Galadriel
Boromir
Katniss Everdeen
Peeta Mellark
Bella Swan
Edward Cullen
Jon Snow
Daenerys Targaryen
Tyrion Lannister
Cersei Lannister
Jaime Lannister
Arya Stark
Sansa Stark
Ned Stark
Eddard Stark
Luke Skywalker
Anakin Skywalker
Darth Vader
Princess Leia
Leia Organa
Han Solo
Obi-Wan Kenobi
Yoda
Chewbacca
Rey Skywalker
Kylo Ren
Indiana Jones
James Bond
Jason Bourne
Ethan Hunt
John McClane
Rocky Balboa
Forrest Gump
Vito Corleone
Michael Corleone
Don Corleone
Tony Montana
Hannibal Lecter
Clarice Starling
Norman Bates
Travis Bickle
Ellen Ripley
Marty McFly
Ferris Bueller
Tony Stark
Peter Parker
Bruce Wayne
Clark Kent
Lois Lane
Diana Prince
Wonder Woman
Steve Rogers
Natasha Romanoff
Bruce Banner
Thor Odinson
Loki
Wanda Maximoff
Charles Xavier
Magneto
Wolverine
Logan Howlett
Harley Quinn
The Joker
Lex Luthor
Mickey Mouse
Minnie Mouse
Donald Duck
Bugs Bunny
Homer Simpson
Marge Simpson
Bart Simpson
Lisa Simpson
Maggie Simpson
Ned Flanders
Peter Griffin
SpongeBob SquarePants
Walter White
Jesse Pinkman
Saul Goodman
Tony Soprano
Don Draper
Dwight Schrute
Jim Halpert
Pam Beesly
Leslie Knope
Ron Swanson
Ross Geller
Monica Geller
Chandler Bing
Joey Tribbiani
Phoebe Buffay
Sheldon Cooper
Fox Mulder
Dana Scully
Jack Sparrow
Captain Jack Sparrow
Mario
Luigi
Lara Croft
Master Chief
Geralt of Rivia
Sonic the Hedgehog
Pikachu
Nancy Drew
Jack Reacher
Lisbeth Salander
Robinson Crusoe
Gulliver
Lemuel Gulliver
Tarzan
Conan the Barbarian
Zorro
Santa Claus
Father Christmas
Uncle Sam
Rosie the Riveter
Cinderella
Snow White
Rapunzel
Pinocchio
Aladdin
Ariel
Mulan
Moana
Elsa
Shrek
Buzz Lightyear
Woody
Владимир Путин
Владимир Ленин
Иосиф Сталин
Лев Толстой
Фёдор Достоевский
Федор Достоевский
Александр Пушкин
Антон Чехов
Юрий Гагарин
Михаил Горбачёв
Михаил Горбачев
Борис Ельцин
Владимир Зеленский
Володимир Зеленський
Тарас Шевченко
Дмитрий Менделеев
毛泽东
孔子
老子
孙子
邓小平
习近平
孙中山
周恩来
李白
杜甫
鲁迅
秦始皇
成龙
姚明
李小龙
महात्मा गांधी
मोहनदास करमचंद गांधी
जवाहरलाल नेहरू
इंदिरा गांधी
नरेंद्र मोदी
अमिताभ बच्चन
शाहरुख़ ख़ान
शाहरुख खान
सचिन तेंदुलकर
रवीन्द्रनाथ टैगोर
भगत सिंह
جمال عبد الناصر
صدام حسين
ياسر عرفات
نجيب محفوظ
أم كلثوم
محمد صلاح
`;

/**
 * Figures known by one name that many people also have as a given name (Homer, Moses, Muhammad): alone and without
 * a person cue they mean the figure ("Did Homer write the Iliad?") and are no finding; after a cue ("email Homer")
 * they are an ordinary finding, not a public figure. Lower case.
 */
export const PUBLIC_SINGLE_GIVEN = new Set(
  'homer virgil moses muhammad mohammed mohammad muhammed dante horace solomon isaiah jeremiah ezekiel'.split(' '),
);

/** Alone, these mean the famous person or character (see the file comment). Lower case. */
export const PUBLIC_FIGURES_SINGLE = `
einstein gandhi lincoln curie shakespeare napoleon beethoven mozart bach handel haydn chopin liszt brahms
mendelssohn verdi puccini vivaldi tchaikovsky rachmaninoff stravinsky shostakovich debussy ravel dvorak dvořák
gershwin copernicus galileo kepler faraday tesla pasteur freud pavlov heisenberg schrödinger schrodinger bohr planck
feynman oppenheimer fermi hawking sagan turing lovelace babbage euler gauss riemann hilbert ramanujan pythagoras
euclid archimedes hippocrates aristotle plato socrates confucius buddha ovid sappho aesop sophocles euripides
herodotus seneca cicero cleopatra charlemagne caligula nero tutankhamun hannibal attila voltaire rousseau
montesquieu machiavelli descartes spinoza leibniz hegel nietzsche schopenhauer kierkegaard wittgenstein marx keynes
hobbes michelangelo donatello botticelli titian caravaggio rembrandt vermeer picasso matisse monet manet renoir
degas cézanne cezanne gauguin dalí dali kahlo warhol pollock rothko basquiat banksy klimt munch kandinsky mondrian
magritte chagall goya velázquez velazquez dürer durer rodin gaudí gaudi tolstoy dostoevsky dostoyevsky chekhov
pushkin gogol turgenev nabokov solzhenitsyn goethe schiller kafka brecht rilke proust camus sartre flaubert balzac
zola molière moliere cervantes borges neruda dickens tolkien orwell hemingway faulkner steinbeck twain thoreau
emerson whitman kipling chaucer wordsworth keats yeats petrarch boccaccio churchill roosevelt eisenhower nixon obama
thatcher stalin lenin trotsky khrushchev gorbachev yeltsin putin zelensky zelenskyy hitler mussolini bismarck
robespierre garibaldi bolívar bolivar mandela nehru jinnah gaddafi saddam arafat khomeini netanyahu ataturk atatürk
genghis kublai magellan elvis beyoncé beyonce rihanna shakira pelé pele maradona messi ronaldinho neymar mbappé
mbappe zidane gretzky tendulkar sinatra mccartney hendrix bowie springsteen eminem kardashian oprah zendaya sherlock
poirot karenina raskolnikov heathcliff gatsby scrooge quixote hamlet ophelia macbeth othello iago falstaff shylock
dracula frankenstein voldemort dumbledore hagrid snape hermione gandalf aragorn legolas gollum sauron saruman frodo
bilbo katniss daenerys tyrion lannister skywalker vader yoda chewbacca pikachu shrek pinocchio cinderella rapunzel
tarzan zorro vinci caesar tybalt mercutio nefertiti akhenaten ramesses ramses hammurabi nebuchadnezzar xerxes
pericles thucydides plutarch tacitus ptolemy galen avicenna averroes maimonides aquinas augustus tiberius hadrian
trajan justinian diocletian vespasian montezuma moctezuma atahualpa geronimo pocahontas sacagawea mencius laozi
zoroaster zarathustra spartacus boudica boudicca vercingetorix saladin beowulf gilgamesh odysseus achilles heracles
rasputin giotto brunelleschi bernini tintoretto
путин ленин сталин толстой пушкин достоевский чехов гагарин горбачёв горбачев ельцин`;

/**
 * Famous novels, plays, epics, films and series, as usually written: where one is named, the text discusses a work,
 * and a lone name near it is more likely one of its characters than someone the writer knows ("How does Pip
 * change in Great Expectations?"). Written by hand for this project; titles that are also everyday phrases ("The
 * Office", "Friends", "Lost") are left out.
 */
export const FAMOUS_WORKS = `
Great Expectations|Lord of the Flies|The Metamorphosis|Wuthering Heights|Pride and Prejudice|Sense and Sensibility
Jane Eyre|Moby-Dick|Moby Dick|War and Peace|Anna Karenina|Crime and Punishment|The Brothers Karamazov|Brave New World
Nineteen Eighty-Four|Animal Farm|The Great Gatsby|To Kill a Mockingbird|The Catcher in the Rye|Of Mice and Men
The Grapes of Wrath|East of Eden|King Lear|Romeo and Juliet|A Midsummer Night's Dream|The Tempest|Twelfth Night
Julius Caesar|The Merchant of Venice|The Odyssey|The Iliad|The Aeneid|The Divine Comedy|Don Quixote|Les Misérables
Les Miserables|Madame Bovary|The Count of Monte Cristo|The Three Musketeers|The Picture of Dorian Gray|Little Women
Middlemarch|Oliver Twist|David Copperfield|A Tale of Two Cities|Bleak House|Heart of Darkness|Mrs Dalloway
To the Lighthouse|The Sun Also Rises|A Farewell to Arms|The Old Man and the Sea|Catch-22|Slaughterhouse-Five
One Hundred Years of Solitude|Love in the Time of Cholera|The Handmaid's Tale|The Bell Jar|Invisible Man
Things Fall Apart|The Kite Runner|Fahrenheit 451|The Lord of the Rings|Lord of the Rings|The Hobbit|The Silmarillion
The Hunger Games|Game of Thrones|A Song of Ice and Fire|The Chronicles of Narnia|Alice in Wonderland|Peter Pan
The Wizard of Oz|Treasure Island|Robinson Crusoe|Gulliver's Travels|The Little Prince|Charlotte's Web|Breaking Bad
Better Call Saul|The Sopranos|Mad Men|The Wire|Twin Peaks|Seinfeld|The Simpsons|Star Wars|Star Trek|The Godfather
Citizen Kane|Pulp Fiction|The Matrix|Fight Club|Forrest Gump|The Shawshank Redemption|Schindler's List
Gone with the Wind|Grey's Anatomy|Stranger Things|Downton Abbey|Doctor Who|The X-Files|Mahabharata|Ramayana
Bhagavad Gita|The Canterbury Tales|Paradise Lost|Oedipus Rex|Antigone|Candide|The Trial|The Stranger|The Plague
`;
